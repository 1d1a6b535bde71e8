package dev.panicattack.breakingpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The exact error rates against a brute-force walk over every outcome sequence a short test can see. */
class FailureRateDeciderTest {

    @Test
    void theExactErrorRatesMatchEveryOutcomeSequenceWeighedOneByOne() {
        SearchSettings settings = SearchSettings.builder(BreakingAxis.CPU_LOAD, 0, 100).maxRepeats(14).build();
        FailureRateDecider test = FailureRateDecider.forSearch(settings, 8);

        assertThat(test.breakingError()).isCloseTo(bruteForcePass(test, 14, 0.3), offset(1e-12));
        assertThat(test.passingError()).isCloseTo(1 - bruteForcePass(test, 14, 0.005), offset(1e-12));
    }

    @Test
    void theDefaultsDecideACleanLevelIn15TrialsAndAFailingOneIn2WithinTheSharedError() {
        SearchSettings settings = SearchSettings.of(BreakingAxis.CPU_LOAD, 0, 100);
        FailureRateDecider test = FailureRateDecider.forSearch(settings, BreakingPointSearch.of(settings).plannedLevels());

        assertThat(BreakingPointSearch.of(settings).plannedLevels()).isEqualTo(8);
        assertThat(test.trialsToPass()).isEqualTo(15);
        assertThat(test.trialsToFail()).isEqualTo(2);
        assertThat(test.worstError()).isLessThanOrEqualTo(0.05 / 8);
    }

    /** The chance of PASSES, summed over all 2^n sequences of n trials, each cut where the test decides. */
    private static double bruteForcePass(FailureRateDecider test, int n, double p) {
        double total = 0;
        for (int bits = 0; bits < 1 << n; bits++) {
            int passes = 0;
            int failures = 0;
            double probability = 1;
            Optional<LevelDecision> decision = Optional.empty();
            for (int trial = 0; trial < n && decision.isEmpty(); trial++) {
                boolean failed = (bits >> trial & 1) == 1;
                probability *= failed ? p : 1 - p;
                if (failed) {
                    failures++;
                } else {
                    passes++;
                }
                decision = test.decide(passes, failures);
            }
            // a sequence decided after k trials stands for 2^(n-k) bit patterns: count it once, by its lowest
            int used = passes + failures;
            if (used < n && bits >> used != 0) {
                continue;
            }
            if (decision.orElseThrow() == LevelDecision.PASSES) {
                total += probability;
            }
        }
        return total;
    }
}
