package dev.panicattack.signature.datalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panicattack.evidence.Fact;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A sanity band only: the goal (100k facts in 100 ms) is measured by hand with
 * {@link DatalogMeasurement}; this test catches an order-of-magnitude regression on a loaded
 * 2-core machine without ever flaking on noise.
 */
class EvaluationSpeedTest {

    @Test
    void hundredThousandFactsEvaluateWellWithinSeconds() {
        RuleProgram program = RuleProgram.parse("workload.dl", EvidenceWorkload.RULES);
        List<Fact> facts = EvidenceWorkload.facts(100_000, 7);
        program.evaluate(facts);

        long best = Long.MAX_VALUE;
        Model model = null;
        for (int run = 0; run < 3; run++) {
            long start = System.nanoTime();
            model = program.evaluate(facts);
            best = Math.min(best, System.nanoTime() - start);
        }

        assertThat(Duration.ofNanos(best)).isLessThan(Duration.ofSeconds(3));
        assertThat(model.facts("deadlock")).isNotEmpty();
        assertThat(model.facts("heap_rising")).isNotEmpty();
        assertThat(model.facts("call_count")).hasSize(200);
    }
}
