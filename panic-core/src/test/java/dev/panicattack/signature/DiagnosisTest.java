package dev.panicattack.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.panicattack.evidence.Fact;
import dev.panicattack.signature.datalog.RuleProgram;

/**
 * What the engine concludes against the confidence a class needs, and, when nothing reaches it, the
 * concluding rules that came nearest with the premises they lacked.
 */
class DiagnosisTest {

    private static final RuleProgram RULES = RuleProgram.parse("test.dl", """
            @name("cycle-while-blocked")
            @weight(0.9)
            signature(deadlock, T) :- blocked(T, _), cycle(T, T).
            @name("slow-thread")
            @weight(0.3)
            signature(stall, T) :- slow(T).
            @name("reads-without-timeout")
            @weight(0.8)
            signature(missing_timeout, T) :- reading(T, "socket"), untimed(T), waited(T, W), W > 1000.
            @name("never-near")
            @weight(0.8)
            signature(memory_leak, "heap") :- retained(_).
            """);

    private final SignatureEngine engine = SignatureEngine.of(RULES);

    @Test
    void aClassBelowTheMinimumIsConsideredNotConcludedAndTheNearestRulesSayWhatTheyLacked() {
        Diagnosis diagnosis = engine.diagnosis(List.of(Fact.of("blocked", 1, "L"), Fact.of("cycle", 1, 2),
                Fact.of("slow", 1), Fact.of("reading", 1, "socket"), Fact.of("untimed", 1), Fact.of("waited", 1, 20)));

        assertThat(diagnosis.minConfidence()).isEqualTo(SignatureEngine.DEFAULT_MIN_CONFIDENCE);
        assertThat(diagnosis.concluded()).isEmpty();
        assertThat(diagnosis.tentative()).extracting(Signature::bugClass).containsExactly(BugClass.STALL);
        assertThat(diagnosis.tentative().get(0).reasoning()).containsExactly(new LineOfReasoning("slow-thread", 0.3));
        // every premise of reads-without-timeout has facts (its comparison failed): nearest; then cycle(T, T)
        // lacks a thread that waits for itself; never-near matched nothing and is left out.
        assertThat(diagnosis.nearMisses()).containsExactly(
                new NearMiss(BugClass.MISSING_TIMEOUT, "reads-without-timeout", List.of()),
                new NearMiss(BugClass.DEADLOCK, "cycle-while-blocked", List.of("cycle(T, T)")));
    }

    @Test
    void aConcludedClassNeedsNoNearMisses() {
        Diagnosis diagnosis = engine.withMinConfidence(0.2).diagnosis(List.of(Fact.of("slow", 1), Fact.of("blocked", 1, "L")));

        assertThat(diagnosis.concluded()).extracting(Signature::bugClass).containsExactly(BugClass.STALL);
        assertThat(diagnosis.nearMisses()).isEmpty();
    }

    @Test
    void builtInRulesCountWithTheirCalibratedPrecisionAndOthersWithTheirWeight() {
        Calibration calibration = Calibration.of(Map.of("slow-thread", new RuleOutcomes(8, 8)));
        List<Fact> slow = List.of(Fact.of("slow", 1));

        // a rule outside the pattern library keeps its weight, whatever the table says about its name
        assertThat(engine.withCalibration(calibration).diagnose(slow).get(0).confidence()).isCloseTo(0.3, offset(1e-12));
        SignatureEngine library = SignatureEngine.withPatternLibrary(getClass().getClassLoader())
                .withCalibration(Calibration.of(Map.of("stack-overflow", new RuleOutcomes(8, 8),
                        "recurring-frame", new RuleOutcomes(0, 8))));
        List<Signature> recursion = library.diagnose(List.of(Fact.of("failure_is", 0, "java.lang.StackOverflowError")));
        // pooled precision (8 + 1) / (16 + 2) = 0.5, so stack-overflow counts with (8 + 2 * 0.5) / (8 + 2)
        assertThat(recursion.get(0).reasoning()).containsExactly(new LineOfReasoning("stack-overflow", 0.9));
    }

    @Test
    void theMinimumIsAConfidence() {
        assertThatThrownBy(() -> engine.withMinConfidence(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("minConfidence must be between 0 and 1, but was 1.5");
    }
}
