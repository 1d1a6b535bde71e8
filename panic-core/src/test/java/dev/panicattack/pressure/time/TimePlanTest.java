package dev.panicattack.pressure.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panicattack.constraint.ClockJump;
import dev.panicattack.constraint.TimeConstraint;
import dev.panicattack.subject.Subject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** offset(t) = skew + drift * t + the jumps that happened by t, exactly. */
class TimePlanTest {

    private static final Subject SUBJECT = Subject.of("com.acme");

    @Test
    void offsetIsSkewPlusDriftTimesElapsedPlusJumpsSoFar() {
        TimePlan plan = new TimePlan(Duration.ofSeconds(-30), Duration.ofMillis(50),
                List.of(ClockJump.once(Duration.ofSeconds(2), Duration.ofHours(-1)),
                        ClockJump.parse("+1s every 500ms")), SUBJECT);

        assertThat(plan.offsetAt(Duration.ZERO)).isEqualTo(Duration.ofSeconds(-30));
        assertThat(plan.offsetAt(Duration.ofMillis(499))).isEqualTo(Duration.ofMillis(-30_000 + 24_950_000 / 1_000_000)
                .plusNanos(950_000));
        assertThat(plan.offsetAt(Duration.ofMillis(500))).isEqualTo(Duration.ofMillis(-30_000 + 25 + 1_000));
        assertThat(plan.offsetAt(Duration.ofSeconds(2)))
                .isEqualTo(Duration.ofMillis(-30_000 + 100 + 4_000 - 3_600_000));
        assertThat(plan.occurrencesBy(Duration.ofSeconds(2), 100)).extracting(TimePlan.Occurrence::at)
                .containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(1500),
                        Duration.ofSeconds(2), Duration.ofSeconds(2));
        assertThat(plan.describe()).isEqualTo("clock skew -30s, drift +50ms/s, jumps -1h at 2s, +1s every 500ms");
    }

    @Test
    void resolveAppliesDefaultsAndRefusesAnEmptySection() {
        TimePlan plan = TimePlan.resolve("set", TimeConstraint.none().withDrift(Duration.ofMillis(-2)), SUBJECT);
        assertThat(plan.skew()).isZero();
        assertThat(plan.jumps()).isEmpty();
        assertThat(plan.offsetAt(Duration.ofSeconds(10))).isEqualTo(Duration.ofMillis(-20));

        assertThatThrownBy(() -> TimePlan.resolve("set", TimeConstraint.none(), SUBJECT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Constraint set 'set' declares a time section with none of skew, drift or jumps; add"
                        + " 'skew: -30s', 'drift: +50ms/s' or 'jumps: [{ at: 2s, by: -1h }]', or remove the 'time:' section");
        assertThatThrownBy(() -> new TimePlan(Duration.ZERO, Duration.ofSeconds(2), List.of(), SUBJECT))
                .hasMessage("time.drift must be between -1s/s and +1s/s, but was +2s/s; a drift such as +50ms/s makes"
                        + " the clock run 5% fast");
    }
}
