package dev.panicattack.breakingpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SearchSettingsTest {

    @Test
    void defaults() {
        SearchSettings settings = SearchSettings.of(BreakingAxis.NETWORK_LATENCY, 0, 500);

        assertThat(settings.resolution()).isEqualTo(5);
        assertThat(settings.confidence()).isEqualTo(0.95);
        assertThat(settings.passingFailureRate()).isEqualTo(0.005);
        assertThat(settings.breakingFailureRate()).isEqualTo(0.3);
        assertThat(settings.maxRepeats()).isEqualTo(30);
        assertThat(settings.maxTrials()).isEqualTo(200);
        assertThat(settings.wallBudget()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.requireAbove()).isEmpty();
        assertThat(settings.toBuilder().build()).isEqualTo(settings);
    }

    @Test
    void anEmptyOrInvertedRangeIsRefusedWithTheFix() {
        assertThatThrownBy(() -> SearchSettings.of(BreakingAxis.CPU_LOAD, 50, 50))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("from must be below to, but the range 50 to 50 of cpu.load is empty; widen the range");
        assertThatThrownBy(() -> SearchSettings.of(BreakingAxis.CPU_LOAD, 80, 20))
                .hasMessage("from must be below to, but the range 80 to 20 of cpu.load is inverted; swap from and to");
    }

    @Test
    void levelsOutsideTheAxisOrBetweenItsStepsAreRefused() {
        assertThatThrownBy(() -> SearchSettings.of(BreakingAxis.CPU_LOAD, -5, 100))
                .hasMessage("from must be between 0 and 100 for cpu.load, but was -5; choose a level the axis can apply");
        assertThatThrownBy(() -> SearchSettings.of(BreakingAxis.NETWORK_LATENCY, 0, 20_000))
                .hasMessage("to must be between 0 and 10000 for network.latency, but was 20000; choose a level the axis"
                        + " can apply");
        assertThatThrownBy(() -> SearchSettings.of(BreakingAxis.CPU_LOAD, 2.5, 100))
                .hasMessage("from must be a multiple of 1 for cpu.load, but was 2.5; use 2 or 3");
        assertThatThrownBy(() -> SearchSettings.of(BreakingAxis.NETWORK_LOSS, 0, 1.234))
                .hasMessage("to must be a multiple of 0.01 for network.loss, but was 1.234; use 1.23 or 1.24");
        assertThatThrownBy(() -> SearchSettings.of(BreakingAxis.CPU_LOAD, Double.NaN, 100))
                .hasMessage("from must be between 0 and 100 for cpu.load, but was NaN; choose a level the axis can apply");
    }

    @Test
    void everyOtherSettingNamesItselfTheValueAndTheFix() {
        SearchSettings.Builder cpu = SearchSettings.builder(BreakingAxis.CPU_LOAD, 0, 100);

        assertThatThrownBy(() -> cpu.resolution(0.5).build()).hasMessage("resolution must be at least 1 for cpu.load"
                + " (its step), but was 0.5; use for example 2, the axis's default");
        cpu.resolution(2);
        assertThatThrownBy(() -> cpu.confidence(1).build())
                .hasMessage("confidence must be above 0 and below 1, but was 1.0; use for example 0.95");
        cpu.confidence(0.95);
        assertThatThrownBy(() -> cpu.breakingFailureRate(1.5).build())
                .hasMessage("breakingFailureRate must be above 0 and below 1, but was 1.5; use for example 0.3");
        cpu.breakingFailureRate(0.3);
        assertThatThrownBy(() -> cpu.passingFailureRate(0.4).build()).hasMessage("passingFailureRate must be above 0"
                + " and below breakingFailureRate (0.3), but was 0.4; use for example 0.005");
        cpu.passingFailureRate(0.005);
        assertThatThrownBy(() -> cpu.maxRepeats(0).build())
                .hasMessage("maxRepeats must be between 1 and 1000, but was 0; use for example 30");
        cpu.maxRepeats(30);
        assertThatThrownBy(() -> cpu.maxTrials(1).build()).hasMessage("maxTrials must be at least 2 (one trial at each"
                + " end of the range), but was 1; use for example 200");
        cpu.maxTrials(200);
        assertThatThrownBy(() -> cpu.wallBudget(Duration.ZERO).build())
                .hasMessage("wallBudget must be positive, but was 0s; use for example 10m");
        cpu.wallBudget(Duration.ofMinutes(1));
        assertThatThrownBy(() -> cpu.requireAbove(150).build()).hasMessage("requireAbove must be between 0 and 100 for"
                + " cpu.load, but was 150.0; choose a level the axis can apply");
        assertThat(cpu.requireAbove(Optional.of(60.0)).build().requireAbove()).contains(60.0);
    }

    @Test
    void eachAxisTakesTheBoundOfItsOwnDirectionAndRefusesTheOther() {
        SearchSettings.Builder heap = SearchSettings.builder(BreakingAxis.JVM_MAX_HEAP, 16, 256);
        SearchSettings.Builder cpu = SearchSettings.builder(BreakingAxis.CPU_LOAD, 0, 100);

        assertThatThrownBy(() -> heap.requireAbove(64).build()).hasMessage("requireAbove does not apply to jvm.maxHeap,"
                + " which breaks as the level falls, but was 64; use requireBelow 64 for a test that must keep passing"
                + " down to that level");
        heap.requireAbove(Optional.empty());
        assertThat(heap.requireBelow(64).build().bound()).contains(64.0);
        assertThatThrownBy(() -> heap.requireBelow(4).build()).hasMessage("requireBelow must be between 8 and 1048576"
                + " for jvm.maxHeap, but was 4.0; choose a level the axis can apply");
        assertThatThrownBy(() -> cpu.requireBelow(70).build()).hasMessage("requireBelow does not apply to cpu.load,"
                + " which breaks as the level rises, but was 70; use requireAbove 70 for a test that must keep passing"
                + " up to that level");
        assertThat(BreakingAxis.JVM_MAX_HEAP.breaksBelow()).isTrue();
        assertThat(BreakingAxis.TIME_SKEW.breaksBelow()).isFalse();
        assertThat(heap.requireBelow(Optional.empty()).build().passingEnd()).isEqualTo(256.0);
    }

    @Test
    void tooFewRepeatsForTheConfidenceShowInTheConfidenceReported() {
        SearchSettings settings = SearchSettings.builder(BreakingAxis.CPU_LOAD, 0, 100).maxRepeats(3).build();

        BreakingPointResult result = BreakingPointSearch.of(settings).run(level -> level.value() >= 62
                ? TrialOutcome.failed("X", List.of(), Duration.ZERO) : TrialOutcome.passed(Duration.ZERO));

        // three clean passes are wrong at a failure rate of 0.3 with probability 0.7^3 = 0.343
        assertThat(result.levelErrorRate()).isCloseTo(0.343, offset(1e-9));
        assertThat(result.confidence()).isZero();
        assertThat(result.headline()).startsWith("breaking point: cpu 61% (60-62, 0%)");
    }
}
