package dev.panicattack.evidence;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import jdk.jfr.FlightRecorder;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;

/**
 * Records Flight Recorder events of the running JVM as facts, through an in-process
 * {@link RecordingStream}: lock contention, waits and parks above a threshold, garbage collection
 * pauses and heap after GC, errors thrown, allocation samples, thread starts and ends, and CPU load.
 * The vocabulary (predicates, units, thresholds) is in {@code docs/facts.md}.
 *
 * <p><b>Time.</b> Every fact starts with the event's start time in milliseconds since the store's
 * time zero. Flight Recorder stamps events with wall-clock instants; they are converted through one
 * (wall instant, monotonic nanos) pair read at {@link #start}, so a converted time is exact to about
 * a millisecond plus any wall-clock step or slew during the test. {@code nanoClock} must be the
 * store's clock ({@link System#nanoTime()} for {@link EvidenceStore#open()}).
 *
 * <p><b>Threads.</b> A thread is named by its Java thread id, as in the JVM sensor's
 * {@code thread(tid, name, daemon)}. Per-thread facts leave out the library's own threads (names
 * starting with {@code panic-} by default) and the stream's own thread.
 *
 * <p><b>Latency and completeness.</b> Events reach the stream about 0.4 to 1 s after they happen.
 * {@link #awaitFlush} commits a marker event and waits until the stream has delivered it, after
 * which every earlier event is in the store. {@link #close()} does that first (bounded by
 * {@code closeFlushTimeout}), then stops the stream; {@link #complete()} says whether it succeeded.
 *
 * <p>A sensor is used once: {@code start} then {@code close}. It is thread-safe.
 */
public final class FlightRecorderSensor implements Sensor {

    private static final Duration STREAM_STOP_TIMEOUT = Duration.ofSeconds(2);

    private enum State { NEW, STARTED, CLOSED }

    private final FlightRecorderSettings settings;
    private final String id = UUID.randomUUID().toString();
    private final FlightRecorderSignal signal = new FlightRecorderSignal();
    private final AtomicLong tokens = new AtomicLong();
    private final Set<Long> delivered = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<Long, Long> commitNanos = new ConcurrentHashMap<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final AtomicLong failureCount = new AtomicLong();
    private final Object lifecycle = new Object();

    // Written under lifecycle; read by the stream thread only after startAsync (a happens-before edge).
    private State state = State.NEW;
    private EvidenceStore store;
    private JfrTimeline timeline;
    private RecordingStream stream;
    private volatile Thread streamThread;
    private volatile boolean flushed;
    private volatile boolean startConfirmed;
    private volatile boolean complete;
    private volatile long markerErrorNanos = Long.MIN_VALUE;
    private volatile Duration startCost;
    private volatile Duration closeCost;

    private FlightRecorderSensor(FlightRecorderSettings settings) {
        this.settings = settings;
    }

    /** A sensor with the default settings (see {@link Builder}). */
    public static FlightRecorderSensor ofDefaults() {
        return custom().build();
    }

    /** A builder starting from the default settings. */
    public static Builder custom() {
        return new Builder();
    }

    @Override
    public String name() {
        return "jfr";
    }

    /**
     * Starts the stream and returns once it has delivered its first flush (bounded by
     * {@code startTimeout}; see {@link #startConfirmed()}).
     *
     * @throws IllegalStateException if Flight Recorder is unavailable in this JVM (the message names
     *     the fix), or if this sensor was already started or closed
     */
    @Override
    public void start(EvidenceStore store) {
        Objects.requireNonNull(store, "store");
        synchronized (lifecycle) {
            if (state != State.NEW) {
                throw new IllegalStateException("FlightRecorderSensor can be started once, but it is "
                        + state.name().toLowerCase(java.util.Locale.ROOT) + "; create a new sensor per test");
            }
            boolean modulePresent = ModuleLayer.boot().findModule("jdk.jfr").isPresent();
            // A lambda, not a method reference: FlightRecorder must not be resolved without its module.
            Optional<String> unavailable = unavailability(modulePresent,
                    () -> modulePresent && FlightRecorder.isAvailable());
            if (unavailable.isPresent()) {
                throw new IllegalStateException(unavailable.get());
            }
            long begin = System.nanoTime();
            this.store = store;
            this.timeline = JfrTimeline.capture(settings.wallClock(), settings.nanoClock(), store.startNanos());
            RecordingStream opened;
            try {
                opened = new RecordingStream();
            } catch (IllegalStateException | SecurityException e) {
                throw new IllegalStateException("FlightRecorderSensor cannot start: opening a RecordingStream "
                        + "failed (" + e + "). Check that the Flight Recorder repository directory is writable "
                        + "(-XX:FlightRecorderOptions:repository=<dir>); or leave out the jfr sensor", e);
            }
            try {
                opened.setMaxAge(settings.maxAge());
                new FlightRecorderFacts(settings, store, timeline, this::recordFailure).enableOn(opened);
                opened.enable(FlightRecorderMarker.class);
                opened.onEvent(FlightRecorderMarker.NAME, this::markerDelivered);
                opened.onFlush(this::flushed);
                opened.startAsync();
            } catch (RuntimeException e) {
                opened.close();
                throw e;
            }
            this.stream = opened;
            this.state = State.STARTED;
            startConfirmed = awaitQuietly(() -> flushed, settings.startTimeout());
            startCost = Duration.ofNanos(System.nanoTime() - begin);
        }
    }

    /**
     * Why Flight Recorder cannot be used, with the fix, or empty if it can. Separate from
     * {@link #start} so both failure paths can be checked without a crippled JVM.
     */
    static Optional<String> unavailability(boolean modulePresent, BooleanSupplier recorderAvailable) {
        if (!modulePresent) {
            return Optional.of("FlightRecorderSensor cannot start: the jdk.jfr module is not in this runtime. "
                    + "Run on a full JDK, add jdk.jfr to the jlink --add-modules list, or launch with "
                    + "--add-modules jdk.jfr; or leave out the jfr sensor");
        }
        if (!recorderAvailable.getAsBoolean()) {
            return Optional.of("FlightRecorderSensor cannot start: jdk.jfr.FlightRecorder.isAvailable() is "
                    + "false in this JVM. Remove -XX:-FlightRecorder from the JVM options, or use a JVM "
                    + "build with Flight Recorder support; or leave out the jfr sensor");
        }
        return Optional.empty();
    }

    /**
     * Commits a marker event and waits until the stream has delivered it, so that every event
     * committed before this call is in the store. Typically takes about one second.
     *
     * @return whether the marker arrived within {@code timeout}; {@code false} after {@link #close()}
     *     or if the calling thread is interrupted (its interrupt status is kept)
     * @throws IllegalStateException if the sensor has not been started
     */
    public boolean awaitFlush(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("awaitFlush timeout must be >= 0 ms, but was " + timeout.toMillis() + " ms");
        }
        synchronized (lifecycle) {
            if (state == State.NEW) {
                throw new IllegalStateException("FlightRecorderSensor.awaitFlush called before start(store)");
            }
            if (state == State.CLOSED) {
                return false;
            }
        }
        return flush(timeout);
    }

    private boolean flush(Duration timeout) {
        long token = tokens.incrementAndGet();
        FlightRecorderMarker marker = new FlightRecorderMarker();
        marker.sensor = id;
        marker.token = token;
        commitNanos.put(token, settings.nanoClock().getAsLong());
        marker.commit();
        boolean arrived = awaitQuietly(() -> delivered.contains(token), timeout);
        delivered.remove(token);
        commitNanos.remove(token);
        return arrived;
    }

    private boolean awaitQuietly(BooleanSupplier condition, Duration timeout) {
        try {
            return signal.await(condition, timeout);
        } catch (InterruptedException e) {
            // Kept for the caller: it decides what an interrupt means; the wait just ends.
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void markerDelivered(RecordedEvent event) {
        if (!id.equals(event.getString("sensor"))) {
            return;
        }
        long token = event.getLong("token");
        Long committed = commitNanos.get(token);
        if (committed != null) {
            markerErrorNanos = timeline.nanosSinceStoreStart(event.getStartTime())
                    - (committed - timeline.storeStartNanos());
        }
        delivered.add(token);
        signal.signalAll();
    }

    private void flushed() {
        if (!flushed) {
            streamThread = Thread.currentThread();
            flushed = true;
            signal.signalAll();
        }
    }

    private void recordFailure(RuntimeException e) {
        failureCount.incrementAndGet();
        failure.compareAndSet(null, e);
    }

    /**
     * Waits for the stream to catch up (bounded by {@code closeFlushTimeout}), records
     * {@code jfr_complete(t, complete)}, then stops the stream and waits (bounded) for its thread
     * to end. Idempotent; never throws.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            State previous = state;
            state = State.CLOSED;
            if (previous != State.STARTED) {
                return;
            }
            long begin = System.nanoTime();
            try {
                boolean arrived = flush(settings.closeFlushTimeout());
                complete = arrived && failure.get() == null;
                store.add("jfr_complete", store.elapsedMillis(), Boolean.toString(complete));
            } catch (RuntimeException e) {
                recordFailure(e);
            } finally {
                stopStream();
                closeCost = Duration.ofNanos(System.nanoTime() - begin);
            }
        }
    }

    private void stopStream() {
        try {
            stream.close();
            stream.awaitTermination(STREAM_STOP_TIMEOUT);
            Thread thread = streamThread;
            if (thread != null) {
                thread.join(STREAM_STOP_TIMEOUT.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            recordFailure(e);
        }
    }

    /** Whether the marker committed at {@link #close()} arrived and no event failed to convert. */
    public boolean complete() {
        return complete;
    }

    /** Whether {@link #start} saw the stream's first flush before {@code startTimeout}. */
    public boolean startConfirmed() {
        return startConfirmed;
    }

    /** How long {@link #start} took, once it has returned. */
    public Optional<Duration> startCost() {
        return Optional.ofNullable(startCost);
    }

    /** How long {@link #close()} took, including the final flush, once it has returned. */
    public Optional<Duration> closeCost() {
        return Optional.ofNullable(closeCost);
    }

    /**
     * The first exception raised while converting an event or stopping the stream, if any. Such an
     * event is missing from the store and {@link #complete()} is false.
     */
    public Optional<RuntimeException> failure() {
        return Optional.ofNullable(failure.get());
    }

    /** The stream's thread, once it has flushed: to check that close leaves nothing running. */
    Optional<Thread> streamThread() {
        return Optional.ofNullable(streamThread);
    }

    /** Converted time of the last delivered marker minus the monotonic time it was committed at. */
    OptionalLong markerClockErrorNanos() {
        long error = markerErrorNanos;
        return error == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(error);
    }

    /** Half the bracket of the reference clock pair, once started. */
    OptionalLong referenceUncertaintyNanos() {
        JfrTimeline current;
        synchronized (lifecycle) {
            current = timeline;
        }
        return current == null ? OptionalLong.empty() : OptionalLong.of(current.uncertaintyNanos());
    }

    @Override
    public String toString() {
        return "FlightRecorderSensor" + settings;
    }

    /**
     * Settings of a {@link FlightRecorderSensor}. Defaults: thresholds 10 ms, exception events off,
     * 150 allocation samples per second, CPU load every 1 s, threads named {@code panic-*}
     * excluded, start timeout 5 s, close flush timeout 2 s, stream data kept at most 10 min.
     */
    public static final class Builder {

        private Duration monitorEnterThreshold = Duration.ofMillis(10);
        private Duration monitorWaitThreshold = Duration.ofMillis(10);
        private Duration threadParkThreshold = Duration.ofMillis(10);
        private boolean exceptionEvents;
        private long allocationSamplesPerSecond = 150;
        private Duration cpuLoadPeriod = Duration.ofSeconds(1);
        private List<String> excludedThreadPrefixes = List.of("panic-");
        private Duration startTimeout = Duration.ofSeconds(5);
        private Duration closeFlushTimeout = Duration.ofSeconds(2);
        private Duration maxAge = Duration.ofMinutes(10);
        private Clock wallClock = Clock.systemUTC();
        private LongSupplier nanoClock = System::nanoTime;

        private Builder() {
        }

        /** Shortest {@code synchronized} entry recorded as {@code monitor_enter}; default 10 ms. */
        public Builder monitorEnterThreshold(Duration threshold) {
            this.monitorEnterThreshold = threshold;
            return this;
        }

        /** Shortest {@code Object.wait} recorded as {@code monitor_wait}; default 10 ms. */
        public Builder monitorWaitThreshold(Duration threshold) {
            this.monitorWaitThreshold = threshold;
            return this;
        }

        /** Shortest {@code LockSupport.park} recorded as {@code thread_park}; default 10 ms. */
        public Builder threadParkThreshold(Duration threshold) {
            this.threadParkThreshold = threshold;
            return this;
        }

        /**
         * Also record every {@code Throwable} constructed as {@code exception_thrown}; default off,
         * because code that throws many exceptions pays for each one.
         */
        public Builder exceptionEvents(boolean enabled) {
            this.exceptionEvents = enabled;
            return this;
        }

        /** Upper bound of {@code allocation_sample} events per second; 0 turns them off; default 150. */
        public Builder allocationSamplesPerSecond(long perSecond) {
            this.allocationSamplesPerSecond = perSecond;
            return this;
        }

        /** Period of {@code jfr_cpu}; default 1 s. */
        public Builder cpuLoadPeriod(Duration period) {
            this.cpuLoadPeriod = period;
            return this;
        }

        /** Thread name prefixes left out of per-thread facts; default {@code panic-}; empty for none. */
        public Builder excludedThreadPrefixes(List<String> prefixes) {
            this.excludedThreadPrefixes = prefixes;
            return this;
        }

        /** How long {@code start} waits for the stream's first flush; default 5 s. */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        /** How long {@code close} waits for pending events before stopping; default 2 s. */
        public Builder closeFlushTimeout(Duration timeout) {
            this.closeFlushTimeout = timeout;
            return this;
        }

        /** How long the stream keeps data on disk for a lagging reader; default 10 min. */
        public Builder maxAge(Duration maxAge) {
            this.maxAge = maxAge;
            return this;
        }

        /** The wall clock read for the reference pair; default {@link Clock#systemUTC()}. */
        public Builder wallClock(Clock clock) {
            this.wallClock = clock;
            return this;
        }

        /** The store's monotonic clock; default {@link System#nanoTime()}. */
        public Builder nanoClock(LongSupplier clock) {
            this.nanoClock = clock;
            return this;
        }

        /**
         * A sensor with these settings.
         *
         * @throws IllegalArgumentException if a setting is out of range (the message names it)
         */
        public FlightRecorderSensor build() {
            Objects.requireNonNull(excludedThreadPrefixes, "excludedThreadPrefixes");
            return new FlightRecorderSensor(new FlightRecorderSettings(monitorEnterThreshold,
                    monitorWaitThreshold, threadParkThreshold, exceptionEvents, allocationSamplesPerSecond,
                    cpuLoadPeriod, excludedThreadPrefixes, startTimeout, closeFlushTimeout, maxAge,
                    wallClock, nanoClock));
        }
    }
}
