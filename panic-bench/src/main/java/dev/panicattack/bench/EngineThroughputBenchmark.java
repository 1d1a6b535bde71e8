package dev.panicattack.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import dev.panicattack.evidence.Fact;
import dev.panicattack.signature.Signature;
import dev.panicattack.signature.SignatureEngine;

/**
 * {@code engine-throughput}: the whole built-in pattern library over evidence shaped like a real
 * trial's (50 threads sampled every 100 ms with states, CPU times and top frames; heap, pools and GC
 * counters; a failure and a lock cycle at the end), at 100k and 1M facts.
 */
final class EngineThroughputBenchmark implements Benchmark {

    private static final int THREADS = 50;

    @Override
    public String name() {
        return "engine-throughput";
    }

    @Override
    public void run(PrintStream out) {
        SignatureEngine engine = SignatureEngine.withPatternLibrary(getClass().getClassLoader());
        int rules = engine.program().rules().size();
        for (int size : new int[] {100_000, 1_000_000}) {
            List<Fact> facts = evidence(size);
            int repetitions = size > 100_000 ? 3 : 7;
            engine.diagnose(facts); // warm-up
            double[] millis = new double[repetitions];
            List<Signature> signatures = List.of();
            for (int i = 0; i < repetitions; i++) {
                long start = System.nanoTime();
                signatures = engine.diagnose(facts);
                millis[i] = (System.nanoTime() - start) / 1e6;
            }
            out.println("RESULT engine-throughput facts=" + facts.size() + " rules=" + rules
                    + " median_ms=" + Figures.fixed(Figures.median(millis), 1)
                    + " min_ms=" + Figures.fixed(java.util.Arrays.stream(millis).min().orElse(Double.NaN), 1)
                    + " runs=" + repetitions
                    + " signatures=" + signatures.stream().map(signature -> signature.bugClass().name()).toList()
                            .toString().replace(" ", "")
                    + " goal_ms=" + (size > 100_000 ? 1000 : 100));
        }
    }

    /** About {@code size} facts of a trial that ends in a two-thread lock cycle and a failure. */
    static List<Fact> evidence(int size) {
        SplittableRandom random = new SplittableRandom(7);
        List<Fact> facts = new ArrayList<>(size + 100);
        facts.add(Fact.of("first_test_thread_id", 100));
        facts.add(Fact.of("stall_window", 10_000));
        for (int thread = 0; thread < THREADS; thread++) {
            facts.add(Fact.of("thread", 100 + thread, "worker-" + thread, "false"));
        }
        String[] states = {"RUNNABLE", "RUNNABLE", "WAITING", "TIMED_WAITING", "BLOCKED"};
        long t = 0;
        long[] cpu = new long[THREADS];
        while (facts.size() < size) {
            t += 100;
            facts.add(Fact.of("heap_used", t, 300_000_000L + random.nextInt(100_000_000)));
            facts.add(Fact.of("heap_max", t, 1_073_741_824L));
            facts.add(Fact.of("pool_used", t, "G1 Old Gen", 200_000_000L + t * 10));
            facts.add(Fact.of("pool_after_gc", t, "G1 Old Gen", 150_000_000L + (t / 1000) * 1000));
            facts.add(Fact.of("gc_count", t, "G1 Young Generation", t / 500));
            facts.add(Fact.of("gc_time", t, "G1 Young Generation", t / 50));
            facts.add(Fact.of("threads_live", t, 60));
            for (int thread = 0; thread < THREADS && facts.size() < size; thread++) {
                long tid = 100 + thread;
                cpu[thread] += random.nextInt(50_000_000);
                facts.add(Fact.of("thread_state", t, tid, states[random.nextInt(states.length)]));
                facts.add(Fact.of("thread_cpu", t, tid, cpu[thread]));
                facts.add(Fact.of("thread_stack_depth", t, tid, 20 + random.nextInt(10)));
                for (int depth = 0; depth < 8; depth++) {
                    facts.add(Fact.of("thread_frame", t, tid, depth, "com.example.Service.step" + depth + "(Service.java:" + (10 + depth) + ")"));
                }
            }
        }
        facts.add(Fact.of("thread_blocked_on", t, 100, "Account@3f2a", 101));
        facts.add(Fact.of("thread_blocked_on", t, 101, "Account@7c11", 100));
        facts.add(Fact.of("deadlocked", t, 100));
        facts.add(Fact.of("deadlocked", t, 101));
        facts.add(Fact.of("hang", t, "deadlock"));
        return facts;
    }
}
