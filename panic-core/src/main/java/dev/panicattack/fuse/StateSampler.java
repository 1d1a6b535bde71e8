package dev.panicattack.fuse;

import dev.panicattack.evidence.MaxHeap;
import dev.panicattack.internal.ThreadExit;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Records {@link StateSample}s from real sensors while a test runs: every {@code period} (default
 * 100 ms) the {@code panic-state-sampler} daemon thread reads each dimension and each fuse, in the
 * order they were declared, and passes the sample to the listeners (for example a
 * {@link PredictiveFuse#observe}) before keeping it.
 *
 * <p>Dimensions: {@link Builder#heap()} ({@code heap}: heap in use, garbage included, from
 * {@link MemoryMXBean}, in percent of {@link MaxHeap#ofThisJvm()}),
 * {@link Builder#cpu()} ({@code cpu}: this process's CPU time over the last period, in percent of
 * the processors available to it), and any {@link Builder#gauge(String, DoubleSupplier)} such as a
 * latency in milliseconds. A gauge or listener that throws stops the sampler; {@link #samples()}
 * then throws, naming it. Thread-safe; {@link #close()} stops and joins the thread.
 */
public final class StateSampler implements AutoCloseable {

    /** The default sampling period. */
    public static final Duration DEFAULT_PERIOD = Duration.ofMillis(100);

    private final Duration period;
    private final Map<String, DoubleSupplier> gauges;
    private final List<Fuse> fuses;
    private final List<Consumer<StateSample>> listeners;
    private final List<StateSample> samples = new ArrayList<>();
    private final CountDownLatch first = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile RuntimeException failure;
    private final long startNanos;
    private final Thread worker;

    private StateSampler(Builder builder) {
        this.period = builder.period;
        this.gauges = new LinkedHashMap<>(builder.gauges);
        this.fuses = List.copyOf(builder.fuses.values());
        this.listeners = List.copyOf(builder.listeners);
        this.startNanos = System.nanoTime();
        this.worker = new Thread(this::run, "panic-state-sampler");
        worker.setDaemon(true);
    }

    /** A builder with no dimensions, no fuses and the default period. */
    public static Builder builder() {
        return new Builder();
    }

    private void run() {
        long next = startNanos;
        while (running) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
                continue;
            }
            try {
                StateSample sample = sample();
                for (Consumer<StateSample> listener : listeners) {
                    try {
                        listener.accept(sample);
                    } catch (RuntimeException e) {
                        throw new IllegalStateException("StateSampler: the listener " + listener + " threw " + e
                                + " on the sample " + sample.describe() + "; a listener must accept every sample", e);
                    }
                }
                synchronized (samples) {
                    samples.add(sample);
                }
            } catch (RuntimeException e) {
                failure = e;
                running = false;
            } finally {
                first.countDown();
            }
            // A late sample does not cause a burst of catch-up samples.
            next = Math.max(next + period.toNanos(), System.nanoTime());
        }
    }

    private StateSample sample() {
        Duration at = Duration.ofNanos(System.nanoTime() - startNanos);
        Map<String, Double> dimensions = new LinkedHashMap<>();
        for (Map.Entry<String, DoubleSupplier> gauge : gauges.entrySet()) {
            double value;
            try {
                value = gauge.getValue().getAsDouble();
            } catch (RuntimeException e) {
                throw new IllegalStateException("StateSampler: the gauge '" + gauge.getKey() + "' threw " + e + " at "
                        + StateSample.seconds(at) + "; a gauge must return a value at every sample", e);
            }
            dimensions.put(gauge.getKey(), value);
        }
        Map<String, FuseReading> readings = new LinkedHashMap<>();
        for (Fuse fuse : fuses) {
            readings.put(fuse.name(), FuseReading.of(fuse));
        }
        return new StateSample(at, dimensions, readings);
    }

    /** The time since sampling started: the clock of {@link StateSample#at()}. */
    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Blocks until the first sample was taken (or the sampler failed), or {@code timeout} passes. */
    public boolean awaitFirstSample(Duration timeout) throws InterruptedException {
        return first.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * The samples so far, in time order.
     *
     * @throws IllegalStateException when a gauge or listener threw; the message names it
     */
    public List<StateSample> samples() {
        RuntimeException failed = failure;
        if (failed != null) {
            throw new IllegalStateException(failed.getMessage(), failed);
        }
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /** Stops sampling and joins the thread. Idempotent; never throws. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(worker);
        ThreadExit.awaitAll(List.of(worker));
    }

    /** Declares what a {@link StateSampler} reads. Not thread-safe; {@link #start()} validates and starts. */
    public static final class Builder {

        private Duration period = DEFAULT_PERIOD;
        private final Map<String, DoubleSupplier> gauges = new LinkedHashMap<>();
        private final Map<String, Fuse> fuses = new LinkedHashMap<>();
        private final List<Consumer<StateSample>> listeners = new ArrayList<>();

        private Builder() {
        }

        /** How often to sample; positive. Default {@link #DEFAULT_PERIOD}. */
        public Builder period(Duration value) {
            Objects.requireNonNull(value, "period");
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("StateSampler period must be positive, but was " + value
                        + "; sample every few tens of milliseconds, like Duration.ofMillis(100)");
            }
            this.period = value;
            return this;
        }

        /** Dimension {@code heap}: heap in use (garbage included) in percent of the maximum heap. */
        public Builder heap() {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            long max = MaxHeap.ofThisJvm();
            return gauge("heap", () -> 100.0 * memory.getHeapMemoryUsage().getUsed() / max);
        }

        /** Dimension {@code cpu}: this process's CPU use over the last period, in percent of its processors. */
        public Builder cpu() {
            if (!(ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)) {
                throw new IllegalStateException("StateSampler.cpu() needs com.sun.management.OperatingSystemMXBean to read"
                        + " process CPU time, which this JVM does not provide; leave cpu() out or run on a HotSpot JDK");
            }
            int processors = Runtime.getRuntime().availableProcessors();
            long[] last = {System.nanoTime(), os.getProcessCpuTime()};
            // Only the sampler thread reads this gauge, so the two-slot state needs no lock.
            return gauge("cpu", () -> {
                long now = System.nanoTime();
                long cpu = os.getProcessCpuTime();
                double share = now > last[0] ? 100.0 * (cpu - last[1]) / ((double) (now - last[0]) * processors) : 0;
                last[0] = now;
                last[1] = cpu;
                return Math.max(0, Math.min(100, share));
            });
        }

        /** Dimension {@code name} read from {@code value} at every sample, for example a latency in milliseconds. */
        public Builder gauge(String name, DoubleSupplier value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (name.isBlank()) {
                throw new IllegalArgumentException("A StateSampler gauge needs a name, but it was blank;"
                        + " name it like gauge(\"latency_ms\", service::lastLatencyMillis)");
            }
            if (gauges.containsKey(name)) {
                throw new IllegalArgumentException("StateSampler already has a dimension named '" + name
                        + "'; give each gauge its own name");
            }
            gauges.put(name, value);
            return this;
        }

        /** Reads {@code fuse}'s state and shed count at every sample, under its {@link Fuse#name()}. */
        public Builder fuse(Fuse fuse) {
            Objects.requireNonNull(fuse, "fuse");
            if (fuses.containsKey(fuse.name())) {
                throw new IllegalArgumentException("StateSampler already has a fuse named '" + fuse.name()
                        + "'; give each fuse its own name");
            }
            fuses.put(fuse.name(), fuse);
            return this;
        }

        /** Receives every sample on the sampler thread as it is taken, for example {@code predictive::observe}. */
        public Builder listener(Consumer<StateSample> listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Starts sampling.
         *
         * @throws IllegalArgumentException when nothing is declared to sample
         */
        public StateSampler start() {
            if (gauges.isEmpty() && fuses.isEmpty()) {
                throw new IllegalArgumentException("StateSampler has nothing to sample; declare dimensions with heap(),"
                        + " cpu() or gauge(name, supplier) and the fuses with fuse(...)");
            }
            StateSampler sampler = new StateSampler(this);
            sampler.worker.start();
            return sampler;
        }
    }
}
