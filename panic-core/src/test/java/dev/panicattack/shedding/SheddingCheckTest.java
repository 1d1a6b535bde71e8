package dev.panicattack.shedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SheddingCheckTest {

    private final FakeTime time = new FakeTime();
    private final Instant start = time.instant();
    private final FakeRamp ramp = new FakeRamp();

    /** 25 percent per second from 0, as a 0-to-100 ramp over 4 s would be; 0 once closed. */
    private final class FakeRamp implements RisingPressure {
        boolean closed;

        @Override
        public String describe() {
            return "cpu ramp 0% to 100% over 4s";
        }

        @Override
        public double level() {
            return closed ? 0 : Duration.between(start, time.instant()).toMillis() / 40.0;
        }

        @Override
        public String unit() {
            return "%cpu";
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private boolean above(double percent) {
        return !ramp.closed && ramp.level() >= percent;
    }

    private SheddingCheck check(SheddingPlan plan) {
        return SheddingCheck.of(plan).withClock(time, time.pause());
    }

    private SheddingPlan.Builder service() {
        return SheddingPlan.builder().named("media-service")
                .component("database", 1, () -> false)
                .latencyBudget("database", Duration.ofMillis(50), () -> time.advance(Duration.ofMillis(10)))
                .component("api-server", 1, () -> false)
                .samplingEvery(Duration.ofMillis(500))
                .recoveryWithin(Duration.ofSeconds(1));
    }

    @Test
    void orderlyShedding() {
        SheddingPlan plan = service()
                .component("logging", 2, () -> above(70))
                .component("cache", 3, () -> above(40))
                .build();

        SheddingResult result = check(plan).run(() -> ramp, Duration.ofSeconds(4));

        assertThat(result.problems()).isEmpty();
        assertThat(ramp.closed).isTrue();
        assertThat(result.timeline()).isEqualTo("""
                observed order (sampled every 500ms, pressure lifted at 4.09s):
                  cache (priority 3): started shedding at 2.04s (pressure 51% cpu), stopped at 4.59s
                  logging (priority 2): started shedding at 3.06s (pressure 76.5% cpu), stopped at 4.59s
                  database (priority 1): never shed; latency up to 10ms (budget 50ms)
                  api-server (priority 1): never shed
                recovered: nothing shedding at 4.59s, 500ms after pressure lifted""");
        assertThat(result.assertOrderly()).isSameAs(result);
    }

    @Test
    void wrongOrderIsReportedWithTheObservedTimeline() {
        SheddingPlan plan = service()
                .component("logging", 2, () -> above(40))
                .component("cache", 3, () -> above(70))
                .build();

        SheddingResult result = check(plan).run(() -> ramp, Duration.ofSeconds(4));

        assertThatThrownBy(result::assertOrderly).isInstanceOf(SheddingOrderError.class).hasMessage("""
                media-service: shedding under cpu ramp 0% to 100% over 4s broke 1 rule:
                - 'logging' (priority 2) started shedding at 2.04s (pressure 51% cpu), before 'cache' (priority 3) \
                at 3.06s (pressure 76.5% cpu); higher priority numbers must shed first
                observed order (sampled every 500ms, pressure lifted at 4.09s):
                  logging (priority 2): started shedding at 2.04s (pressure 51% cpu), stopped at 4.59s
                  cache (priority 3): started shedding at 3.06s (pressure 76.5% cpu), stopped at 4.59s
                  database (priority 1): never shed; latency up to 10ms (budget 50ms)
                  api-server (priority 1): never shed
                recovered: nothing shedding at 4.59s, 500ms after pressure lifted""");
    }

    @Test
    void priorityOneShedding_overBudget_neverShed_andNoRecovery() {
        SheddingPlan plan = SheddingPlan.builder()
                .component("database", 1, () -> above(90))
                .latencyBudget("database", Duration.ofMillis(50),
                        () -> time.advance(Duration.ofMillis(above(50) ? 80 : 10)))
                .component("logging", 2, () -> false)
                .component("cache", 3, () -> true)
                .samplingEvery(Duration.ofSeconds(1))
                .recoveryWithin(Duration.ofSeconds(2))
                .build();

        SheddingResult result = check(plan).run(() -> ramp, Duration.ofSeconds(4));

        assertThat(result.problems()).containsExactly(
                "'database' (priority 1) shed at 4.18s (pressure 104.5% cpu); priority 1 must never shed",
                "'logging' (priority 2) never shed while pressure held (4.26s); priority 2 must shed under pressure",
                "'database' (priority 1) exceeded its 50ms latency budget in 3 of 7 samples, first at 2.02s"
                        + " (80ms, pressure 50.5% cpu), worst 80ms at 2.02s",
                "'cache' (priority 3) was still shedding at 6.27s, 2.01s after pressure lifted;"
                        + " everything must recover within 2s");
        assertThat(result.timeline()).endsWith("not recovered within 2s after pressure lifted");
    }

    @Test
    void aThrowingSheddingProbeNamesTheComponentAndLiftsThePressure() {
        SheddingPlan plan = SheddingPlan.builder().component("cache", 3, () -> {
            throw new IllegalStateException("cache stats unavailable");
        }).build();

        assertThatThrownBy(() -> check(plan).run(() -> ramp, Duration.ofSeconds(1)))
                .isInstanceOf(SheddingDeclarationException.class)
                .hasMessage("the shedding probe of 'cache' (priority 3) declared at shedding plan, component 'cache'"
                        + " threw java.lang.IllegalStateException: cache stats unavailable at 0s; a probe must answer"
                        + " whether the component sheds now, without throwing");
        assertThat(ramp.closed).isTrue();
    }

    @Test
    void aThrowingLatencyProbeNamesTheComponentAndLiftsThePressure() {
        SheddingPlan plan = SheddingPlan.builder().component("database", 1, () -> false)
                .latencyBudget("database", Duration.ofMillis(50), () -> {
                    throw new IOException("connection refused");
                }).build();

        assertThatThrownBy(() -> check(plan).run(() -> ramp, Duration.ofSeconds(1)))
                .isInstanceOf(SheddingDeclarationException.class)
                .hasMessage("the latency probe of 'database' (priority 1) declared at shedding plan, component"
                        + " 'database' threw java.io.IOException: connection refused at 0s; a priority-1 component"
                        + " must keep answering under pressure, so fix the component or the probe")
                .hasCauseInstanceOf(IOException.class);
        assertThat(ramp.closed).isTrue();
    }

    @Test
    void aPressurePhaseOfZeroIsRefused() {
        SheddingPlan plan = SheddingPlan.builder().component("cache", 3, () -> true).build();

        assertThatThrownBy(() -> check(plan).run(() -> ramp, Duration.ZERO))
                .isInstanceOf(SheddingDeclarationException.class)
                .hasMessage("shedding plan: the pressure phase must be longer than zero, but was 0s");
    }
}
