package dev.panicattack.internal.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class FiguresTest {

    @Test
    void aFigureThatWasNeverMeasuredReadsNotAvailableNotZero() {
        assertThat(Figures.round1(Double.NaN)).isNaN();
        assertThat(Figures.percent(Figures.round1(Double.NaN))).isEqualTo("n/a");
        assertThat(Figures.number(Double.POSITIVE_INFINITY, 1)).isEqualTo("n/a");
    }

    @Test
    void measuredFiguresAreRoundedForSummaries() {
        assertThat(Figures.round1(49.96)).isEqualTo(50.0);
        assertThat(Figures.percent(Figures.round1(21.04))).isEqualTo("21%");
        assertThat(Figures.percent(12.345)).isEqualTo("12.35%");
        assertThat(Figures.duration(Duration.ofMillis(1500))).isEqualTo("1.5s");
    }
}
