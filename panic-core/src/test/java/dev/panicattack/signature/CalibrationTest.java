package dev.panicattack.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The calibration arithmetic: smoothed precision, combined lines, and the table's file form. */
class CalibrationTest {

    @Test
    void aRuleWithoutOutcomesCountsWithItsWeight() {
        assertThat(Calibration.none().precision("lock-cycle", 0.8)).isEqualTo(0.8);
        assertThat(Calibration.of(Map.of("other", new RuleOutcomes(1, 1))).precision("lock-cycle", 0.8)).isEqualTo(0.8);
    }

    @Test
    void outcomesPullThePrecisionFromThePooledPrecisionTowardWhatTheRuleDid() {
        Calibration calibration = Calibration.of(Map.of(
                "always-right", new RuleOutcomes(18, 18),
                "half-right", new RuleOutcomes(4, 8),
                "never-right", new RuleOutcomes(0, 3)));
        // the whole table: (22 + 1) / (29 + 2); each rule: (correct + 2 * pooled) / (total + 2), its weight unused
        double pooled = 23.0 / 31;
        assertThat(calibration.pooledPrecision()).isCloseTo(pooled, offset(1e-12));
        assertThat(calibration.precision("always-right", 0.8)).isCloseTo((18 + 2 * pooled) / 20, offset(1e-12));
        assertThat(calibration.precision("half-right", 0.9)).isCloseTo((4 + 2 * pooled) / 10, offset(1e-12));
        assertThat(calibration.precision("never-right", 0.5)).isCloseTo(2 * pooled / 5, offset(1e-12));
    }

    @Test
    void independentLinesCombineAsTheChanceThatNotAllAreWrong() {
        assertThat(LineOfReasoning.combined(List.of(0.8, 0.9))).isCloseTo(1 - 0.2 * 0.1, offset(1e-12));
        assertThat(LineOfReasoning.combined(List.of(0.6))).isEqualTo(0.6);
        assertThat(LineOfReasoning.combined(List.of(1.0, 0.5))).isEqualTo(1.0);
    }

    @Test
    void theTableReadsBackWhatItWrote() {
        Calibration calibration = Calibration.of(Map.of("lock-cycle", new RuleOutcomes(12, 12),
                "mostly-blocked", new RuleOutcomes(3, 5)));

        String text = calibration.write("Written by a test.\nSecond line.");

        assertThat(text).isEqualTo("# Written by a test.\n# Second line.\nlock-cycle = 12,12\nmostly-blocked = 3,5\n");
        assertThat(Calibration.parse("table", text)).isEqualTo(calibration);
    }

    @Test
    void aMalformedLineNamesTheSourceTheLineAndTheFix() {
        assertThatThrownBy(() -> Calibration.parse("calibration.properties", "# header\nlock-cycle = 12\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("calibration.properties:2: expected 'rule-name = correct,total' with 0 <= correct <= total,"
                        + " but was 'lock-cycle = 12'; regenerate it with panic-bench/run calibrate");
        assertThatThrownBy(() -> Calibration.parse("calibration.properties", "lock-cycle = 5,3\n"))
                .hasMessageStartingWith("calibration.properties:1: expected");
    }

    @Test
    void heldOutOutcomesAreSubtracted() {
        assertThat(new RuleOutcomes(5, 7).minus(new RuleOutcomes(1, 2))).isEqualTo(new RuleOutcomes(4, 5));
        assertThat(new RuleOutcomes(5, 7).plus(true)).isEqualTo(new RuleOutcomes(6, 8));
        assertThat(new RuleOutcomes(5, 7).plus(false)).isEqualTo(new RuleOutcomes(5, 8));
    }

    @Test
    void theBuiltInTableCoversOnlyRulesOfThePatternLibrary() {
        SignatureEngine engine = SignatureEngine.withPatternLibrary(getClass().getClassLoader());
        List<String> concluding = engine.program().rules().stream()
                .filter(rule -> rule.headPredicate().equals("signature")).map(dev.panicattack.signature.datalog.Rule::name)
                .toList();

        assertThat(concluding).containsAll(engine.calibration().outcomes().keySet());
    }
}
