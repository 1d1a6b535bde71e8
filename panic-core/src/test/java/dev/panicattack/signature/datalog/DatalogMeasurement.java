package dev.panicattack.signature.datalog;

import dev.panicattack.evidence.Fact;
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
        for (int size : new int[] {100_000, 1_000_000}) {
            List<Fact> facts = EvidenceWorkload.facts(size, 42);
            long[] times = new long[size > 100_000 ? 7 : 21];
            Model model = null;
            for (int warmup = 0; warmup < 5; warmup++) {
                model = program.evaluate(facts);
            }
            for (int run = 0; run < times.length; run++) {
                long start = System.nanoTime();
                model = program.evaluate(facts);
                times[run] = System.nanoTime() - start;
            }
            java.util.Arrays.sort(times);
            int derived = 0;
            for (Rule rule : program.rules()) {
                derived += 0;
            }
            for (String predicate : model.predicates()) {
                derived += model.facts(predicate).size();
            }
            System.out.printf("facts=%d rules=%d evaluate median=%.1f ms min=%.1f ms max=%.1f ms (model holds %d facts)%n",
                    facts.size(), program.rules().size(), times[times.length / 2] / 1e6, times[0] / 1e6,
                    times[times.length - 1] / 1e6, derived);
        }
    }
}
