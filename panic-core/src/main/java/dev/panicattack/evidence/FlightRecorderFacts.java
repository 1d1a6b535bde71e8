package dev.panicattack.evidence;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingStream;

/**
 * Enables the Flight Recorder events the sensor needs on a stream and turns each delivered event
 * into one or two facts. Handlers run on the stream's own thread.
 */
final class FlightRecorderFacts {

    static final String MONITOR_ENTER = "jdk.JavaMonitorEnter";
    static final String MONITOR_WAIT = "jdk.JavaMonitorWait";
    static final String THREAD_PARK = "jdk.ThreadPark";
    static final String GARBAGE_COLLECTION = "jdk.GarbageCollection";
    static final String HEAP_SUMMARY = "jdk.GCHeapSummary";
    static final String ERROR_THROW = "jdk.JavaErrorThrow";
    static final String EXCEPTION_THROW = "jdk.JavaExceptionThrow";
    static final String ALLOCATION_SAMPLE = "jdk.ObjectAllocationSample";
    static final String THREAD_START = "jdk.ThreadStart";
    static final String THREAD_END = "jdk.ThreadEnd";
    static final String CPU_LOAD = "jdk.CPULoad";

    /** Thread id written when an event names no Java thread (for example no previous owner). */
    static final long NO_THREAD = -1L;

    private static final String UNKNOWN_CLASS = "unknown";
    private static final String SIGNAL_CLASS = FlightRecorderSignal.class.getName();

    private final FlightRecorderSettings settings;
    private final EvidenceStore store;
    private final JfrTimeline timeline;
    private final Consumer<RuntimeException> failures;

    FlightRecorderFacts(FlightRecorderSettings settings, EvidenceStore store, JfrTimeline timeline,
            Consumer<RuntimeException> failures) {
        this.settings = settings;
        this.store = store;
        this.timeline = timeline;
        this.failures = failures;
    }

    /** Enables the events with their thresholds and registers one handler per event. */
    void enableOn(RecordingStream stream) {
        // Stack traces cost time at every commit; only the error depth needs one.
        stream.enable(MONITOR_ENTER).withThreshold(settings.monitorEnterThreshold()).withoutStackTrace();
        stream.enable(MONITOR_WAIT).withThreshold(settings.monitorWaitThreshold()).withoutStackTrace();
        stream.enable(THREAD_PARK).withThreshold(settings.threadParkThreshold()).withoutStackTrace();
        stream.enable(GARBAGE_COLLECTION);
        stream.enable(HEAP_SUMMARY);
        stream.enable(ERROR_THROW).withStackTrace();
        stream.enable(THREAD_START).withoutStackTrace();
        stream.enable(THREAD_END);
        stream.enable(CPU_LOAD).withPeriod(settings.cpuLoadPeriod());
        handle(stream, MONITOR_ENTER, this::monitorEnter);
        handle(stream, MONITOR_WAIT, this::monitorWait);
        handle(stream, THREAD_PARK, this::threadPark);
        handle(stream, GARBAGE_COLLECTION, this::garbageCollection);
        handle(stream, HEAP_SUMMARY, this::heapSummary);
        handle(stream, ERROR_THROW, this::errorThrow);
        handle(stream, THREAD_START, this::threadStart);
        handle(stream, THREAD_END, this::threadEnd);
        handle(stream, CPU_LOAD, this::cpuLoad);
        if (settings.exceptionEvents()) {
            stream.enable(EXCEPTION_THROW).withoutStackTrace();
            handle(stream, EXCEPTION_THROW, this::exceptionThrow);
        }
        if (settings.allocationSamplesPerSecond() > 0) {
            stream.enable(ALLOCATION_SAMPLE).withoutStackTrace()
                    .with("throttle", settings.allocationSamplesPerSecond() + "/s");
            handle(stream, ALLOCATION_SAMPLE, this::allocationSample);
        }
    }

    private void handle(RecordingStream stream, String eventName, Consumer<RecordedEvent> action) {
        stream.onEvent(eventName, event -> {
            try {
                action.accept(event);
            } catch (RuntimeException e) {
                // The stream thread would die and every later event be lost: report it instead.
                failures.accept(e);
            }
        });
    }

    private void monitorEnter(RecordedEvent event) {
        String monitor = className(event.getClass("monitorClass"));
        if (below(event, settings.monitorEnterThreshold()) || monitor.equals(SIGNAL_CLASS)
                || excluded(event.getThread())) {
            return;
        }
        store.add("monitor_enter", time(event), event.getThread().getJavaThreadId(), monitor,
                millis(event.getDuration()), threadId(event.getThread("previousOwner")));
    }

    private void monitorWait(RecordedEvent event) {
        String monitor = className(event.getClass("monitorClass"));
        if (below(event, settings.monitorWaitThreshold()) || monitor.equals(SIGNAL_CLASS)
                || excluded(event.getThread())) {
            return;
        }
        store.add("monitor_wait", time(event), event.getThread().getJavaThreadId(), monitor,
                millis(event.getDuration()), Boolean.toString(event.getBoolean("timedOut")));
    }

    private void threadPark(RecordedEvent event) {
        if (below(event, settings.threadParkThreshold()) || excluded(event.getThread())) {
            return;
        }
        store.add("thread_park", time(event), event.getThread().getJavaThreadId(),
                className(event.getClass("parkedClass")), millis(event.getDuration()));
    }

    private void garbageCollection(RecordedEvent event) {
        store.add("gc_pause", time(event), text(event.getString("name")), text(event.getString("cause")),
                millis(event.getDuration("sumOfPauses")));
    }

    private void heapSummary(RecordedEvent event) {
        if ("After GC".equals(event.getString("when"))) {
            store.add("heap_after_gc", time(event), event.getLong("heapUsed"));
        }
    }

    private void errorThrow(RecordedEvent event) {
        if (excluded(event.getThread())) {
            return;
        }
        long time = time(event);
        long tid = event.getThread().getJavaThreadId();
        RecordedStackTrace stack = event.getStackTrace();
        List<?> frames = stack == null ? List.of() : stack.getFrames();
        // The message is deliberately not read: diagnosis works from evidence, never exception text.
        store.add("error_thrown", time, tid, className(event.getClass("thrownClass")), (long) frames.size());
        if (stack != null && stack.isTruncated()) {
            store.add("error_stack_truncated", time, tid);
        }
    }

    private void exceptionThrow(RecordedEvent event) {
        if (excluded(event.getThread())) {
            return;
        }
        store.add("exception_thrown", time(event), event.getThread().getJavaThreadId(),
                className(event.getClass("thrownClass")));
    }

    private void allocationSample(RecordedEvent event) {
        if (excluded(event.getThread())) {
            return;
        }
        store.add("allocation_sample", time(event), event.getThread().getJavaThreadId(),
                className(event.getClass("objectClass")), event.getLong("weight"));
    }

    private void threadStart(RecordedEvent event) {
        RecordedThread started = event.getThread("thread");
        if (excluded(started)) {
            return;
        }
        store.add("thread_start", time(event), started.getJavaThreadId(), text(started.getJavaName()));
    }

    private void threadEnd(RecordedEvent event) {
        RecordedThread ended = event.getThread("thread");
        if (excluded(ended)) {
            return;
        }
        store.add("thread_end", time(event), ended.getJavaThreadId());
    }

    private void cpuLoad(RecordedEvent event) {
        store.add("jfr_cpu", time(event), percent(event.getFloat("jvmUser")),
                percent(event.getFloat("jvmSystem")), percent(event.getFloat("machineTotal")));
    }

    /**
     * Whether a per-thread event is left out: no Java thread, a library thread (name prefix), or
     * the stream thread itself (these handlers run on it), whose parks and allocations are ours.
     */
    private boolean excluded(RecordedThread thread) {
        if (thread == null || thread.getJavaThreadId() == Thread.currentThread().getId()) {
            return true;
        }
        String name = thread.getJavaName();
        if (name != null) {
            for (String prefix : settings.excludedThreadPrefixes()) {
                if (name.startsWith(prefix)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Other recordings in the JVM may lower a threshold; the sensor's own still applies. */
    private static boolean below(RecordedEvent event, Duration threshold) {
        return event.getDuration().compareTo(threshold) < 0;
    }

    private long time(RecordedEvent event) {
        return timeline.millisSinceStoreStart(event.getStartTime());
    }

    private static long threadId(RecordedThread thread) {
        return thread == null ? NO_THREAD : thread.getJavaThreadId();
    }

    private static String className(RecordedClass type) {
        return type == null ? UNKNOWN_CLASS : type.getName();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static double millis(Duration duration) {
        return duration.toNanos() / 1_000_000.0;
    }

    private static double percent(float fraction) {
        return fraction * 100.0;
    }
}
