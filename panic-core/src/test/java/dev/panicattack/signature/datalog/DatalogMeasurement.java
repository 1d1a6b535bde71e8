package dev.panicattack.signature.datalog;

import dev.panicattack.evidence.Fact;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;

/**
 * A by-hand measurement (not a test): evaluates {@link EvidenceWorkload} at 100k and 1M facts and
 * prints the median of several runs after warm-up. Run with
 * {@code java -cp panic-core/target/classes:panic-core/target/test-classes dev.panicattack.signature.datalog.DatalogMeasurement}.
 */
final class DatalogMeasurement {

    private DatalogMeasurement() {
    }

    public static void main(String[] args) {
        RuleProgram program = RuleProgram.parse("workload.dl", EvidenceWorkload.RULES);
        // The same predicates without rules: what loading (interning, deduplication) alone costs.
        RuleProgram loadOnly = RuleProgram.parse("load.dl", """
                .decl heap_used(t, b). .decl cpu_achieved(t, p). .decl thread_state(t, th, s).
                .decl probe_call(t, m, d, n). .decl gc_pause(t, ms). .decl error_thrown(t, th, ty, d).
                .decl blocked_on(th, l, at). .decl owns(th, l, at). .decl test_thread(th). .decl max_heap(b).
                """);
        for (int size : new int[] {100_000, 1_000_000}) {
            List<Fact> facts = EvidenceWorkload.facts(size, 42);
            int runs = size > 100_000 ? 9 : 31;
            double[] load = median(loadOnly, facts, runs);
            double[] full = median(program, facts, runs);
            Model model = program.evaluate(facts);
            int held = 0;
            for (String predicate : model.predicates()) {
                held += model.facts(predicate).size();
            }
            System.out.printf("facts=%d rules=%d evaluate median wall=%.1f ms cpu=%.1f ms (loading alone wall=%.1f ms "
                    + "cpu=%.1f ms), model holds %d facts%n",
                    facts.size(), program.rules().size(), full[0], full[1], load[0], load[1], held);
        }
    }

    /**
     * Median wall time and median CPU time of the evaluating thread, in ms. On a shared machine
     * the CPU time is the steadier figure: it does not count time spent descheduled.
     */
    private static double[] median(RuleProgram program, List<Fact> facts, int runs) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int warmup = 0; warmup < 5; warmup++) {
            program.evaluate(facts);
        }
        long[] wall = new long[runs];
        long[] cpu = new long[runs];
        for (int run = 0; run < runs; run++) {
            long startCpu = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            program.evaluate(facts);
            wall[run] = System.nanoTime() - start;
            cpu[run] = threads.getCurrentThreadCpuTime() - startCpu;
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        return new double[] {wall[runs / 2] / 1e6, cpu[runs / 2] / 1e6};
    }
}
