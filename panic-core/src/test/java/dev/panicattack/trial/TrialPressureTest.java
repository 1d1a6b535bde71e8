package dev.panicattack.trial;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.panicattack.constraint.ConstraintSetName;
import dev.panicattack.pressure.PressureSource;

class TrialPressureTest {

    private static final PressureSource NIGHTLY = new PressureSource.RunWideSet(ConstraintSetName.of("nightly"));
    private static final PressureSource SPIKE = new PressureSource.NamedSet(ConstraintSetName.of("production-spike"));
    private static final PressureSource INLINE = new PressureSource.Inline();

    @Test
    void aSetIsNamedBeforeThePlan() {
        assertThat(new TrialPressure(List.of(SPIKE), "cpu 80%", List.of()).describe())
                .isEqualTo("production-spike (cpu 80%)");
    }

    @Test
    void severalSourcesAreNamedInMergeOrder() {
        assertThat(new TrialPressure(List.of(NIGHTLY, SPIKE, INLINE), "cpu 90%, heap 70%", List.of()).describe())
                .isEqualTo("nightly + production-spike + @UnderPressure (cpu 90%, heap 70%)");
    }

    @Test
    void attributesAloneAreThePlanItself() {
        assertThat(new TrialPressure(List.of(INLINE), "cpu 80%", List.of()).describe()).isEqualTo("cpu 80%");
    }

    @Test
    void assailIsNamedLikeASet() {
        assertThat(new TrialPressure(List.of(new PressureSource.AttackChoice(), INLINE), "heap 20%", List.of()).describe())
                .isEqualTo("@Assail + @UnderPressure (heap 20%)");
    }

    @Test
    void changesInCodeFollowTheDeclaredPressure() {
        assertThat(new TrialPressure(List.of(SPIKE, new PressureSource.InCode()), "cpu 80%", List.of("cpu 30%", "heap 40%"))
                .describe()).isEqualTo("production-spike (cpu 80%); in code: cpu 30%, heap 40%");
        assertThat(new TrialPressure(List.of(new PressureSource.InCode()), "no pressure", List.of("cpu 30%")).describe())
                .isEqualTo("in code: cpu 30%");
    }

    @Test
    void nothingDeclaredOrChangedIsNoPressure() {
        assertThat(new TrialPressure(List.of(), "no pressure", List.of()).describe()).isEqualTo("no pressure");
        assertThat(new TrialPressure(List.of(new PressureSource.InCode()), "no pressure", List.of()).describe())
                .isEqualTo("no pressure");
        assertThat(new TrialPressure(List.of(INLINE), "no pressure", List.of()).describe()).isEqualTo("no pressure");
    }

    @Test
    void aPlanBuiltWithoutSourcesIsShownAsItIs() {
        assertThat(new TrialPressure(List.of(), "cpu 50%", List.of()).describe()).isEqualTo("cpu 50%");
    }
}
