package dev.panicattack.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.panicattack.evidence.Fact;

/** The disk rules on hand-made evidence: what each needs, and what it must not conclude. */
class DiskRulesTest {

    private final SignatureEngine engine = SignatureEngine.withPatternLibrary(getClass().getClassLoader())
            .withCalibration(Calibration.none());

    private static List<Fact> refused() {
        return new ArrayList<>(List.of(Fact.of("first_test_thread_id", 40), Fact.of("test_thread", 40),
                Fact.of("disk_budget", 67_108_864, 99), Fact.of("disk_refused", 120, "/tmp/journal.log", 4096)));
    }

    private static void refusedWriteAt(List<Fact> facts, int depth) {
        facts.add(Fact.of("failure_cause", depth, "java.io.IOException"));
        facts.add(Fact.of("failure_is", depth, "java.io.IOException"));
        facts.add(Fact.of("failure_is", depth, "java.lang.Exception"));
        facts.add(Fact.of("failure_frame", depth, 0, "dev.panicattack.pressure.disk.DiskBudget$Ledger.apply"));
        facts.add(Fact.of("failure_frame", depth, 1, "java.io.FileOutputStream.write"));
    }

    private static void failure(List<Fact> facts, String... types) {
        facts.add(Fact.of("test_failed", 900, types[0]));
        facts.add(Fact.of("failure_cause", 0, types[0]));
        for (String type : types) {
            facts.add(Fact.of("failure_is", 0, type));
        }
        facts.add(Fact.of("failure_frame", 0, 0, "com.example.Journal.append"));
    }

    private static List<BugClass> classes(List<Signature> signatures) {
        return signatures.stream().map(Signature::bugClass).toList();
    }

    @Test
    void aRefusedWriteEscapingAsAnUncheckedExceptionIsUnhandled() {
        List<Fact> facts = refused();
        failure(facts, "java.io.UncheckedIOException", "java.lang.RuntimeException", "java.lang.Exception");
        refusedWriteAt(facts, 1);

        List<Signature> signatures = engine.diagnose(facts);

        assertThat(classes(signatures)).containsExactly(BugClass.DISK_FULL_UNHANDLED);
        assertThat(signatures.get(0).confidence()).isEqualTo(0.85);
        assertThat(signatures.get(0).proofs().get(0)).contains("full-disk-escapes-unchecked");
    }

    @Test
    void theRefusalItselfEndingTheTestIsUnhandled() {
        List<Fact> facts = refused();
        facts.add(Fact.of("test_failed", 900, "java.io.IOException"));
        refusedWriteAt(facts, 0);

        List<Signature> signatures = engine.diagnose(facts);

        assertThat(classes(signatures)).containsExactly(BugClass.DISK_FULL_UNHANDLED);
        assertThat(signatures.get(0).confidence()).isEqualTo(0.7);
    }

    @Test
    void anAssertionFailureAfterASwallowedRefusalIsInconsistentState() {
        List<Fact> facts = refused();
        failure(facts, "org.opentest4j.AssertionFailedError", "java.lang.AssertionError", "java.lang.Error");

        List<Signature> signatures = engine.diagnose(facts);

        assertThat(classes(signatures)).containsExactly(BugClass.DISK_FULL_UNHANDLED);
        assertThat(signatures.get(0).confidence()).isEqualTo(0.6);
    }

    @Test
    void withoutARefusedWriteNothingIsConcluded() {
        List<Fact> facts = new ArrayList<>(List.of(Fact.of("first_test_thread_id", 40), Fact.of("test_thread", 40),
                Fact.of("disk_budget", 67_108_864, 10)));
        failure(facts, "java.io.UncheckedIOException", "java.lang.RuntimeException", "java.lang.Exception");
        refusedWriteAt(facts, 1);

        assertThat(engine.diagnose(facts)).isEmpty();
    }

    @Test
    void anUncheckedFailureWithoutAFailedWriteInItsChainIsNotBlamedOnTheDisk() {
        List<Fact> facts = refused();
        failure(facts, "java.lang.IllegalStateException", "java.lang.RuntimeException", "java.lang.Exception");

        assertThat(engine.diagnose(facts)).isEmpty();
    }
}
