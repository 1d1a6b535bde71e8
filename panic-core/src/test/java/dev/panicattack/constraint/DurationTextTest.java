package dev.panicattack.constraint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class DurationTextTest {

    @Test
    void parsesEveryUnitAndDecimals() {
        assertThat(DurationText.parse("250ns", false)).isEqualTo(Duration.ofNanos(250));
        assertThat(DurationText.parse("3us", false)).isEqualTo(Duration.ofNanos(3_000));
        assertThat(DurationText.parse("50ms", false)).isEqualTo(Duration.ofMillis(50));
        assertThat(DurationText.parse("1.5s", false)).isEqualTo(Duration.ofMillis(1_500));
        assertThat(DurationText.parse("2m", false)).isEqualTo(Duration.ofMinutes(2));
        assertThat(DurationText.parse("1h", false)).isEqualTo(Duration.ofHours(1));
        assertThat(DurationText.parse("-30s", true)).isEqualTo(Duration.ofSeconds(-30));
    }

    @Test
    void explainsWhatIsWrong() {
        assertThatThrownBy(() -> DurationText.parse("fast", false))
                .hasMessage("expected a duration such as 50ms, 2s or 1m, but was 'fast'");
        assertThatThrownBy(() -> DurationText.parse("-1s", false)).hasMessage("must not be negative, but was -1s");
        assertThatThrownBy(() -> DurationText.parse("0.5ns", false))
                .hasMessage("must be a whole number of nanoseconds, but was 0.5ns");
    }

    @Test
    void formatsTheShortestExactText() {
        assertThat(DurationText.format(Duration.ofSeconds(2))).isEqualTo("2s");
        assertThat(DurationText.format(Duration.ofMillis(1_500))).isEqualTo("1500ms");
        assertThat(DurationText.format(Duration.ofMinutes(10))).isEqualTo("10m");
        assertThat(DurationText.format(Duration.ofSeconds(-30))).isEqualTo("-30s");
        assertThat(DurationText.format(Duration.ZERO)).isEqualTo("0s");
    }
}
