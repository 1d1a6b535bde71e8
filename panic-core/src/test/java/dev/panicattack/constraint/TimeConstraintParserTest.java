package dev.panicattack.constraint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code time:} section: skew, drift and jumps, and every way to get them wrong. */
class TimeConstraintParserTest {

    private static final String SOURCE = ConstraintErrors.SOURCE;

    private final ConstraintSetParser parser = new ConstraintSetParser();

    private TimeConstraint time(String yaml) {
        return parser.parse(SOURCE, "foo", "name: foo\n" + yaml).declared().time().orElseThrow();
    }

    @Test
    void typesSkewDriftAndJumps() {
        TimeConstraint time = time(String.join("\n",
                "time:",
                "  skew: -30s",
                "  drift: +50ms/s",
                "  jumps:",
                "    - { at: 2s, by: -1h }",
                "    - { every: 500ms, by: +1s }",
                "    - { at: 1s, every: 3s, by: -2s }",
                ""));

        assertThat(time).isEqualTo(new TimeConstraint(Optional.of(Duration.ofSeconds(-30)),
                Optional.of(Duration.ofMillis(50)), List.of(
                        ClockJump.once(Duration.ofSeconds(2), Duration.ofHours(-1)),
                        ClockJump.repeating(Duration.ofMillis(500), Duration.ofSeconds(1)),
                        new ClockJump(Duration.ofSeconds(1), Duration.ofSeconds(-2), Optional.of(Duration.ofSeconds(3))))));
        assertThat(time(  "time: { drift: -2ms/s }\n").drift()).contains(Duration.ofMillis(-2));
    }

    @Test
    void locatesEveryMistake() {
        ConstraintErrors.assertError("time: { drift: 50ms }\n", 2, 16, "time.drift",
                "expected a drift such as +50ms/s or -2ms/s, but was '50ms'");
        ConstraintErrors.assertError("time: { drift: +2s/s }\n", 2, 16, "time.drift",
                "must be between -1s/s and +1s/s, but was +2s/s; a drift such as +50ms/s makes the clock run 5% fast");
        ConstraintErrors.assertError("time: { jumps: { at: 2s, by: -1h } }\n", 2, 16, "time.jumps",
                "expected a list of jumps such as [{ at: 2s, by: -1h }, { every: 5s, by: -1s }], but was a mapping");
        ConstraintErrors.assertError("time: { jumps: [] }\n", 2, 16, "time.jumps",
                "is an empty list; declare at least one jump such as [{ at: 2s, by: -1h }, { every: 5s, by: -1s }]"
                        + " or remove the key");
        ConstraintErrors.assertError("time:\n  jumps:\n    - { at: 2s }\n", 4, 7, "time.jumps",
                "missing key 'by'; a jump needs 'by' (signed step) and 'at' or 'every', for example { at: 2s, by: -1h }");
        ConstraintErrors.assertError("time:\n  jumps:\n    - { by: -1h }\n", 4, 7, "time.jumps",
                "missing key 'at' or 'every'; say when the clock jumps, for example { at: 2s, by: -1h } or"
                        + " { every: 5s, by: -1s }");
        ConstraintErrors.assertError("time:\n  jumps:\n    - { at: 2s, by: -1h, evry: 1s }\n", 4, 26, "time.jumps.evry",
                "unknown key 'evry'; did you mean 'every'? (valid keys: at, by, every)");
        ConstraintErrors.assertError("time:\n  jumps:\n    - { at: -2s, by: -1h }\n", 4, 13, "time.jumps.at",
                "must not be negative, but was -2s; only time.skew and time.jumps.by may be negative");
        ConstraintErrors.assertError("time:\n  jumps:\n    - { at: 2s, by: 0s }\n", 4, 21, "time.jumps.by",
                "must not be zero; give a signed step such as -1h or +30s");
        ConstraintErrors.assertError("time:\n  jumps:\n    - { every: 10ms, by: 1s }\n", 4, 16, "time.jumps.every",
                "must be at least 100ms, but was 10ms; repeat the jump less often");
        ConstraintErrors.assertError("time: { jumps: [{ at: 2s, by: 1 }] }\n", 2, 31, "time.jumps.by",
                "expected a duration such as 50ms, 2s or 1m, but was 1; add a unit: ns, us, ms, s, m or h");
        ConstraintErrors.assertError("time: { skw: 1s }\n", 2, 9, "time.skw",
                "unknown key 'skw'; did you mean 'skew'? (valid keys: skew, drift, jumps)");
    }

    @Test
    void parsesTheAnnotationFormsOfJumpsAndDrift() {
        assertThat(ClockJump.parse("-1h at 2s")).isEqualTo(ClockJump.once(Duration.ofSeconds(2), Duration.ofHours(-1)));
        assertThat(ClockJump.parse("+1s every 500ms")).isEqualTo(
                ClockJump.repeating(Duration.ofMillis(500), Duration.ofSeconds(1)));
        assertThat(ClockJump.parse("-1s every 1s from 2s").describe()).isEqualTo("-1s every 1s from 2s");
        assertThatThrownBy(() -> ClockJump.parse("-1h at"))
                .hasMessage("expected a jump such as '-1h at 2s', '-1s every 500ms' or '-1s every 500ms from 2s',"
                        + " but was '-1h at'");
        assertThat(TimeConstraint.parseDrift("+50ms/s")).isEqualTo(Duration.ofMillis(50));
        assertThat(TimeConstraint.formatDrift(Duration.ofMillis(-2))).isEqualTo("-2ms/s");
    }

    @Test
    void countsJumpOccurrencesByElapsedTime() {
        ClockJump train = ClockJump.parse("-1s every 1s from 2s");
        assertThat(train.countBy(Duration.ofMillis(1999))).isZero();
        assertThat(train.countBy(Duration.ofSeconds(2))).isEqualTo(1);
        assertThat(train.countBy(Duration.ofMillis(4500))).isEqualTo(3);
        assertThat(ClockJump.parse("-1h at 2s").countBy(Duration.ofHours(5))).isEqualTo(1);
    }

    @Test
    void laterDeclarationsWinFieldByField() {
        TimeConstraint base = time("time: { skew: 1s, drift: +1ms/s, jumps: [{ at: 2s, by: -1h }] }\n");
        TimeConstraint later = TimeConstraint.none().withSkew(Duration.ofSeconds(-5));

        assertThat(base.overriddenBy(later)).isEqualTo(base.withSkew(Duration.ofSeconds(-5)));
        assertThat(base.overriddenBy(TimeConstraint.none().withJumps(List.of(ClockJump.parse("+1m at 1s")))).jumps())
                .containsExactly(ClockJump.parse("+1m at 1s"));
    }
}
