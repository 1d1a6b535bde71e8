package dev.panicattack.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panicattack.evidence.Fact;
import dev.panicattack.signature.datalog.Model;
import dev.panicattack.signature.datalog.RuleException;
import dev.panicattack.signature.datalog.RuleProgram;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The evaluation budget stops a runaway user rule, and the built-in library stays far within it on a big store. */
class PatternLibraryBudgetTest {

    private final SignatureEngine engine = SignatureEngine.withPatternLibrary(getClass().getClassLoader())
            .withCalibration(Calibration.none());

    @Test
    void theBuiltInLibraryOnABigStoreOfManyThreadsStaysFarWithinTheDefaultBudget() {
        // 200 subject threads all seen running at one sample: the rules over pairs of threads derive
        // all they can (3 relations of 200 x 199 pairs), the most this library derives from threads.
        List<Fact> evidence = TrialEvidence.of(200_000, 200);

        Model model = engine.program().evaluate(evidence, Long.MAX_VALUE);

        assertThat(engine.maxDerivedFacts()).isEqualTo(RuleProgram.DEFAULT_MAX_DERIVED_FACTS);
        assertThat(model.derivedFacts()).isBetween(3L * 200 * 199, RuleProgram.DEFAULT_MAX_DERIVED_FACTS / 10);
        assertThat(engine.diagnose(evidence)).extracting(Signature::bugClass).contains(BugClass.DEADLOCK);
    }

    @Test
    void aRunawayUserRuleStopsTheDiagnosisAtTheEnginesBudget() {
        RuleProgram withUserRule = engine.program().with(RuleProgram.parse("panic/rules/runaway.dl", """
                depth(0).
                depth(D) :- depth(P), D = P + 1.
                """));
        SignatureEngine bounded = SignatureEngine.of(withUserRule).withMaxDerivedFacts(5_000);

        assertThat(bounded.maxDerivedFacts()).isEqualTo(5_000);
        assertThatThrownBy(() -> bounded.diagnose(List.of(Fact.of("first_test_thread_id", 40))))
                .isInstanceOf(RuleException.class)
                .hasMessageStartingWith("panic/rules/runaway.dl:2:1: rule evaluation stopped after deriving more than"
                        + " 5000 facts (its budget): rule depth#1 (depth(D) :- depth(P), D = P + 1.) derived 5001 of them,"
                        + " growing depth to 5002 facts.");
    }

    @Test
    void aBudgetBelowOneIsRefusedWhenTheEngineIsMade() {
        assertThatThrownBy(() -> engine.withMaxDerivedFacts(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the budget of derived facts must be at least 1, but was -1; the default is "
                        + RuleProgram.DEFAULT_MAX_DERIVED_FACTS);
    }
}
