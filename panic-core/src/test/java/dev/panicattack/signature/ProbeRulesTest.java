package dev.panicattack.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.panicattack.evidence.Fact;

/** The probe rules on hand-made evidence: what each needs, and what it must not conclude. */
class ProbeRulesTest {

    private static final String OPENED_AT = "com.acme.Journal.open(Journal.java:42)";
    private static final String POOL = "java.util.concurrent.ThreadPoolExecutor@1b2c3d";

    private final SignatureEngine engine = SignatureEngine.withPatternLibrary(getClass().getClassLoader())
            .withCalibration(Calibration.none());

    private static List<Fact> failed() {
        return new ArrayList<>(List.of(Fact.of("first_test_thread_id", 40), Fact.of("test_thread", 40),
                Fact.of("test_failed", 900, "java.lang.AssertionError"),
                Fact.of("failure_cause", 0, "java.lang.AssertionError"),
                Fact.of("failure_is", 0, "java.lang.AssertionError")));
    }

    @Test
    void oneUnclosedResourceIsALeakNamingWhereItWasOpened() {
        List<Fact> facts = failed();
        facts.add(Fact.of("resource_unclosed", "java.io.FileInputStream", OPENED_AT, 1, OPENED_AT + " <- com.acme.App.run(App.java:7)"));

        List<Signature> signatures = engine.diagnose(facts);

        assertThat(signatures).extracting(Signature::bugClass).containsExactly(BugClass.RESOURCE_LEAK);
        assertThat(signatures.get(0).confidence()).isEqualTo(0.7);
        assertThat(signatures.get(0).proofs().get(0)).contains("opened-never-closed").contains(OPENED_AT);
    }

    @Test
    void manyUnclosedFromOnePlaceIsAStrongerLeak() {
        List<Fact> facts = failed();
        facts.add(Fact.of("resource_unclosed", "java.io.FileInputStream", OPENED_AT, 12, OPENED_AT));

        List<Signature> signatures = engine.diagnose(facts);

        assertThat(signatures).extracting(Signature::bugClass).containsExactly(BugClass.RESOURCE_LEAK);
        assertThat(signatures.get(0).confidence()).isCloseTo(1 - 0.3 * 0.15, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void resourcesOpenedAndClosedAreNoLeak() {
        List<Fact> facts = failed();
        facts.add(Fact.of("resource_opened", "java.io.FileInputStream", OPENED_AT, 3));

        assertThat(engine.diagnose(facts)).isEmpty();
    }

    @Test
    void aProbedMethodThousandsDeepIsUnboundedRecursion() {
        List<Fact> facts = failed();
        facts.add(Fact.of("probe_depth", 40, "com.acme.Tree.walk", 5000));
        facts.add(Fact.of("probe_depth", 40, "com.acme.Tree.visit", 3));

        List<Signature> signatures = engine.diagnose(facts);

        assertThat(signatures).extracting(Signature::bugClass).containsExactly(BugClass.UNBOUNDED_RECURSION);
        assertThat(signatures.get(0).proofs()).singleElement().asString().contains("com.acme.Tree.walk").doesNotContain("visit");
        assertThat(signatures.get(0).confidence()).isEqualTo(0.85);
    }

    @Test
    void shallowRecursionIsNothing() {
        List<Fact> facts = failed();
        facts.add(Fact.of("probe_depth", 40, "com.acme.Tree.walk", 999));

        assertThat(engine.diagnose(facts)).isEmpty();
    }

    @Test
    void aRejectionByTheSubjectsPoolIsSaturation() {
        List<Fact> facts = failed();
        facts.add(Fact.of("executor_pool", POOL, "com.acme.Jobs.<init>(Jobs.java:12)"));
        facts.add(Fact.of("executor_rejected", 300, POOL, 4));

        List<Signature> signatures = engine.diagnose(facts);

        assertThat(signatures).extracting(Signature::bugClass).containsExactly(BugClass.THREAD_POOL_SATURATION);
        assertThat(signatures.get(0).confidence()).isEqualTo(0.85);
        assertThat(signatures.get(0).proofs().get(0)).contains("pool-rejected-work");
    }

    @Test
    void aQueueThousandsLongIsSaturationAShortOneIsNot() {
        List<Fact> facts = failed();
        facts.add(Fact.of("executor_queue", 100, POOL, 10));
        assertThat(engine.diagnose(facts)).isEmpty();

        facts.add(Fact.of("executor_queue", 200, POOL, 1000));
        List<Signature> signatures = engine.diagnose(facts);
        assertThat(signatures).extracting(Signature::bugClass).containsExactly(BugClass.THREAD_POOL_SATURATION);
        assertThat(signatures.get(0).confidence()).isEqualTo(0.6);
    }
}
