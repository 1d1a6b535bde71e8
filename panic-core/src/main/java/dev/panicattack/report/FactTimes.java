package dev.panicattack.report;

import java.util.List;
import java.util.Set;

import dev.panicattack.evidence.Fact;

/**
 * Which facts carry a time: the predicates whose first argument is {@code t}, milliseconds since the
 * test started, as {@code docs/facts.md}, {@code docs/patterns.md} and the rule library's
 * {@code .decl}s declare them. Other facts ({@code disk_budget(bytes, fill_pct)},
 * {@code test_thread(tid)}) have numbers first that are not times, so the report shows no time for
 * them. {@code FactTimesTest} keeps this list and the declarations equal.
 */
final class FactTimes {

    static final Set<String> TIMED = Set.copyOf(List.of(
            "allocation_sample", "ballast_bytes", "ballast_released", "classes_loaded", "classes_unloaded",
            "clock_jump", "clock_offset", "deadlocked", "disk_io_error", "disk_read_bytes", "disk_refused",
            "disk_write_bytes", "error_stack_truncated", "error_thrown", "exception_thrown", "executor_queue",
            "executor_rejected", "frame_at_failure", "fs_free", "gc_after", "gc_count", "gc_pause", "gc_time", "hang",
            "hang_frame", "heap_after_failure", "heap_after_gc", "heap_committed", "heap_max", "heap_used",
            "idle_at_failure", "jfr_complete", "jfr_cpu", "jvm_cpu", "live_heap", "memory_available", "memory_total",
            "monitor_enter", "monitor_wait", "net_fault", "net_rx_bytes", "net_tx_bytes", "no_progress", "open_fds",
            "pool_after_gc", "pool_at_failure", "pool_peak", "pool_used", "pressure_achieved", "pressure_change",
            "pressure_release_failed", "stop_failed",
            "pressure_target", "process_cpu", "retained_heap", "sensor_failed", "socket_read", "subject_heap_used",
            "system_cpu", "test_failed", "thread_alive_at_end", "thread_blocked_on", "thread_cpu", "thread_end",
            "thread_frame", "thread_owns", "thread_park", "thread_stack_depth", "thread_start", "thread_state",
            "thread_waiting_on", "threads_daemon", "threads_live", "threads_peak", "threads_started"));

    private FactTimes() {
    }

    static boolean isTimed(String predicate) {
        return TIMED.contains(predicate);
    }

    /** The fact's time in seconds since the test started; NaN for a fact without one, or a malformed timed fact. */
    static double seconds(Fact fact) {
        if (!isTimed(fact.predicate()) || fact.values().isEmpty()) {
            return Double.NaN;
        }
        Object t = fact.values().get(0);
        if (t instanceof Long millis) {
            return millis / 1000.0;
        }
        if (t instanceof Double millis) {
            return millis / 1000.0;
        }
        return Double.NaN;
    }
}
