package dev.panicattack.constraint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panicattack.pressure.PressurePlan;
import dev.panicattack.pressure.time.TimePlan;
import dev.panicattack.subject.Subject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClockJumpBuiltInTest {

    @Test
    void clockJumpStepsTheWallClockBackAnHourAfterOneSecond() {
        ConstraintSetLibrary builtIns = ConstraintSetLibrary.fromClassLoader(getClass().getClassLoader());

        Constraints set = builtIns.load("clock-jump");

        assertThat(builtIns.availableNames()).contains("clock-jump");
        assertThat(set.description()).hasValueSatisfying(text -> assertThat(text).startsWith("An NTP step backwards"));
        assertThat(set.time()).contains(TimeConstraint.none()
                .withJumps(List.of(ClockJump.once(Duration.ofSeconds(1), Duration.ofHours(-1)))));
        TimePlan plan = PressurePlan.resolve(set, Subject.of("com.acme")).axis(TimePlan.class).orElseThrow();
        assertThat(plan.describe()).isEqualTo("clock jumps -1h at 1s");
        assertThat(plan.offsetAt(Duration.ofMillis(999))).isZero();
        assertThat(plan.offsetAt(Duration.ofSeconds(1))).isEqualTo(Duration.ofHours(-1));
    }
}
