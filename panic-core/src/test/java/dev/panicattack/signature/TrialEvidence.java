package dev.panicattack.signature;

import dev.panicattack.evidence.Fact;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Evidence shaped like a long trial's, in the pattern library's vocabulary: {@code threads} subject
 * threads sampled every 100 ms (state, CPU time, stack depth, eight top frames), each started and
 * ended as Flight Recorder reports it, the heap, pools, GC and live-thread counters, and at the end
 * a failure and a two-thread lock cycle. Every thread is seen RUNNABLE at the same sample at least
 * once, so the rules over pairs of threads running together derive all they can.
 */
final class TrialEvidence {

    private TrialEvidence() {
    }

    /** About {@code size} facts over {@code threads} subject threads. */
    static List<Fact> of(int size, int threads) {
        SplittableRandom random = new SplittableRandom(7);
        List<Fact> facts = new ArrayList<>(size + 4 * threads + 100);
        facts.add(Fact.of("first_test_thread_id", 100));
        facts.add(Fact.of("stall_window", 1_000));
        facts.add(Fact.of("test_thread", 100));
        for (int thread = 0; thread < threads; thread++) {
            facts.add(Fact.of("thread", 100 + thread, "worker-" + thread, "false"));
            facts.add(Fact.of("thread_start", 10 + thread % 50, 100 + thread, "worker-" + thread));
        }
        String[] states = {"RUNNABLE", "RUNNABLE", "WAITING", "TIMED_WAITING", "BLOCKED"};
        long t = 0;
        long[] cpu = new long[threads];
        while (facts.size() < size) {
            t += 100;
            facts.add(Fact.of("heap_used", t, 300_000_000L + random.nextInt(100_000_000)));
            facts.add(Fact.of("heap_max", t, 1_073_741_824L));
            facts.add(Fact.of("pool_used", t, "G1 Old Gen", 200_000_000L + t * 10));
            facts.add(Fact.of("pool_after_gc", t, "G1 Old Gen", 150_000_000L + (t / 1000) * 1000));
            facts.add(Fact.of("gc_count", t, "G1 Young Generation", t / 500));
            facts.add(Fact.of("gc_time", t, "G1 Young Generation", t / 50));
            facts.add(Fact.of("threads_live", t, threads + 10));
            // The first sample sees every thread running: all pairs run together.
            boolean allRunning = t == 100;
            for (int thread = 0; thread < threads && facts.size() < size; thread++) {
                long tid = 100 + thread;
                cpu[thread] += random.nextInt(50_000_000);
                facts.add(Fact.of("thread_state", t, tid, allRunning ? "RUNNABLE" : states[random.nextInt(states.length)]));
                facts.add(Fact.of("thread_cpu", t, tid, cpu[thread]));
                facts.add(Fact.of("thread_stack_depth", t, tid, 20 + random.nextInt(10)));
                for (int depth = 0; depth < 8; depth++) {
                    facts.add(Fact.of("thread_frame", t, tid, depth,
                            "com.example.Service.step" + depth + "(Service.java:" + (10 + depth) + ")"));
                }
            }
        }
        // The last sample: the first two threads blocked on each other's lock.
        long end = t + 100;
        facts.add(Fact.of("thread_state", end, 100, "BLOCKED"));
        facts.add(Fact.of("thread_state", end, 101, "BLOCKED"));
        facts.add(Fact.of("thread_blocked_on", end, 100, "Account@3f2a", 101));
        facts.add(Fact.of("thread_blocked_on", end, 101, "Account@7c11", 100));
        facts.add(Fact.of("deadlocked", end, 100));
        facts.add(Fact.of("deadlocked", end, 101));
        facts.add(Fact.of("hang", end, "deadlock"));
        for (int thread = 0; thread < threads; thread++) {
            facts.add(Fact.of("thread_end", end + 10 + thread % 50, 100 + thread));
        }
        facts.add(Fact.of("test_failed", end, "java.lang.AssertionError"));
        facts.add(Fact.of("failure_is", 0, "java.lang.AssertionError"));
        facts.add(Fact.of("test_duration", end));
        return facts;
    }
}
