package dev.panicattack.constraint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The code front door: a record refuses a value at the call that builds it, with key, value, rule and fix. */
class ConstraintViolationTest {

    @Test
    void aRecordRefusesAValueWhereItIsBuilt() {
        ConstraintViolation violation = catchThrowableOfType(ConstraintViolation.class,
                () -> NetworkConstraint.none().withLatency(Duration.ofSeconds(11)));

        assertThat(violation).hasMessage("network.latency must be between 0 and 10s, but was 11s; declare a duration"
                + " such as 50ms");
        assertThat(violation.key()).isEqualTo("network.latency");
        assertThat(violation.actual()).isEqualTo("11s");
        assertThat(violation.allowed()).isEqualTo("must be between 0 and 10s");
        assertThat(violation.fix()).isEqualTo("declare a duration such as 50ms");
        assertThat(violation.problem("11000ms")).isEqualTo("must be between 0 and 10s, but was 11000ms; declare a"
                + " duration such as 50ms");
    }

    @Test
    void everyShareIsAPercent() {
        assertThat(catchThrowableOfType(ConstraintViolation.class, () -> ConcurrencyConstraint.none().withNoise(150)))
                .hasMessage("concurrency.noise must be between 0 and 100 (percent of noise point hits), but was 150");
        assertThat(catchThrowableOfType(ConstraintViolation.class, () -> NetworkConstraint.none().withLoss(-1)))
                .hasMessage("network.loss must be between 0 and 100 (percent of writes), but was -1");
    }

    @Test
    void loadAndRampTogetherAreRefused() {
        assertThat(catchThrowableOfType(ConstraintViolation.class, () -> CpuConstraint.ofLoad(80)
                .withRamp(new Ramp(0, 80, Duration.ofSeconds(30)))))
                .hasMessage("cpu must declare load or ramp, not both, but was load 80 and a ramp from 0 to 80; keep the"
                        + " ramp (it ends at its 'to' and holds there) or the load");
    }

    @Test
    void aLaterLevelReplacesAnEarlierLevelOfEitherKind() {
        CpuConstraint ramp = new CpuConstraint(OptionalInt.empty(), Optional.empty(),
                Optional.of(new Ramp(0, 80, Duration.ofSeconds(30))));

        assertThat(CpuConstraint.ofLoad(90).overriddenBy(ramp)).isEqualTo(ramp);
        assertThat(ramp.overriddenBy(CpuConstraint.ofLoad(90))).isEqualTo(CpuConstraint.ofLoad(90));
    }

    @Test
    void aNestedValuesKeyIsPlacedUnderItsSection() {
        ConstraintViolation spikes = new ConstraintViolation("spikes.for", "2s", "must be shorter", "");

        assertThat(spikes.keyUnder("cpu.spikes")).isEqualTo("cpu.spikes.for");
        assertThat(new ConstraintViolation("time.jumps.at", "-1s", "must not be negative", "").keyUnder("time.jumps"))
                .isEqualTo("time.jumps.at");
        assertThat(new ConstraintViolation("cpu", "", "must declare load or ramp, not both", "").keyUnder("cpu"))
                .isEqualTo("cpu");
    }
}
