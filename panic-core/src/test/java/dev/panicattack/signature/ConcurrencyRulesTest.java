package dev.panicattack.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.panicattack.evidence.Fact;

/** The concurrency rules on hand-made evidence: what each needs, and what it must not conclude. */
class ConcurrencyRulesTest {

    private static final String COUNTER = "com.acme.Counter";

    private final SignatureEngine engine = SignatureEngine.withPatternLibrary(getClass().getClassLoader())
            .withCalibration(Calibration.none());

    private static List<Fact> noise(String kind, long delays, long threads) {
        return new ArrayList<>(List.of(Fact.of("first_test_thread_id", 40), Fact.of("test_thread", 40),
                Fact.of("concurrency_seed", 123L), Fact.of("noise_level", 30.0),
                Fact.of("noise_point", COUNTER, "increment", 12, kind, 2000, delays, threads),
                Fact.of("noise_delays", delays)));
    }

    private static void assertionFailed(List<Fact> facts) {
        facts.add(Fact.of("test_failed", 900, "org.opentest4j.AssertionFailedError"));
        facts.add(Fact.of("failure_cause", 0, "org.opentest4j.AssertionFailedError"));
        facts.add(Fact.of("failure_is", 0, "org.opentest4j.AssertionFailedError"));
        facts.add(Fact.of("failure_is", 0, "java.lang.AssertionError"));
    }

    private static List<BugClass> classes(List<Signature> signatures) {
        return signatures.stream().map(Signature::bugClass).toList();
    }

    @Test
    void anAssertionFailedAfterNoiseAtAnUnsynchronizedWrite() {
        List<Fact> facts = noise("shared_write", 600, 2);
        assertionFailed(facts);

        List<Signature> signatures = engine.diagnose(facts);

        assertThat(classes(signatures)).containsExactly(BugClass.DATA_RACE);
        assertThat(signatures.get(0).confidence()).isEqualTo(0.8);
        assertThat(signatures.get(0).proofs().get(0)).contains("noise-at-unsynchronized-write-broke-an-assertion")
                .contains("noise_point(class=\"com.acme.Counter\", method=\"increment\", line=12, kind=\"shared_write\","
                        + " hits=2000, delays=600, threads=2)")
                .contains("concurrency_seed(seed=123)");
    }

    @Test
    void noRaceWithoutAnUnsynchronizedPointOrASecondThreadOrAPerturbation() {
        for (List<Fact> facts : List.of(noise("guarded_write", 600, 2), noise("volatile_write", 600, 2),
                noise("shared_write", 600, 1), noise("shared_write", 0, 2))) {
            assertionFailed(facts);
            assertThat(classes(engine.diagnose(facts))).doesNotContain(BugClass.DATA_RACE);
        }
    }

    @Test
    void aPassingTestIsNotJudged() {
        assertThat(engine.diagnose(noise("shared_write", 600, 2))).isEmpty();
    }

    @Test
    void parallelCopiesThatDisagreeOverAnUnsynchronizedField() {
        List<Fact> facts = noise("shared_read", 0, 4);
        facts.add(Fact.of("parallel_copies", 4));
        facts.add(Fact.of("parallel_failed", 1));
        facts.add(Fact.of("test_failed", 900, "java.lang.IllegalStateException"));
        facts.add(Fact.of("failure_is", 0, "java.lang.IllegalStateException"));

        List<Signature> signatures = engine.diagnose(facts);

        assertThat(classes(signatures)).containsExactly(BugClass.DATA_RACE);
        assertThat(signatures.get(0).proofs().get(0)).contains("parallel-copies-disagree-over-unsynchronized-field");
    }

    @Test
    void parallelCopiesThatAllFailDoNotDisagree() {
        List<Fact> facts = noise("shared_read", 0, 4);
        facts.add(Fact.of("parallel_copies", 4));
        facts.add(Fact.of("parallel_failed", 4));
        facts.add(Fact.of("test_failed", 900, "java.lang.IllegalStateException"));
        facts.add(Fact.of("failure_is", 0, "java.lang.IllegalStateException"));

        assertThat(classes(engine.diagnose(facts))).doesNotContain(BugClass.DATA_RACE);
    }
}
