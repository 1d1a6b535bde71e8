package dev.panicattack.resilience4j;

import dev.panicattack.fuse.VirtualClock;
import static dev.panicattack.junit.PanicAssertions.assertThat;
import static dev.panicattack.resilience4j.Resilience4jAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panicattack.constraint.Constraints;
import dev.panicattack.constraint.ConstraintSetException;
import dev.panicattack.constraint.CpuConstraint;
import dev.panicattack.constraint.TimeConstraint;
import dev.panicattack.pressure.PressureControl;
import dev.panicattack.pressure.PressurePlan;
import dev.panicattack.junit.fuse.FuseAssert;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * The pressure entry points: a constraint set (by value or by name) applied by the assertion, and
 * a {@link PressureControl} that the test owns. Real CPU pressure is low and short (30-40% for well
 * under a second each); achieved figures are checked by shape only, as the machine is shared.
 */
@ResourceLock(Resources.GLOBAL)
class FuseUnderPressureTest {

    /** One line saying what the session achieved, over how long: figures vary, the shape does not. */
    private static final String SESSION_ACHIEVED = "pressure achieved over \\d+(\\.\\d+)?s: cpu target \\d+(\\.\\d)?%"
            + " achieved \\d+(\\.\\d)?% \\(sd (\\d+(\\.\\d)?|n/a)\\)\\.";

    private final VirtualClock clock = new VirtualClock();
    private volatile boolean downstreamFails = true;

    private static Constraints cpu(String name, int load) {
        return Constraints.named(name).withCpu(CpuConstraint.ofLoad(load));
    }

    private CircuitBreaker breaker() {
        return CircuitBreaker.of("payments", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(4).minimumNumberOfCalls(4)
                .failureRateThreshold(50).waitDurationInOpenState(Duration.ofSeconds(1))
                .permittedNumberOfCallsInHalfOpenState(2).clock(clock).build());
    }

    private FuseAssert assertOn(CircuitBreaker breaker) {
        return assertThat(breaker).withClock(clock).pacedEvery(Duration.ZERO).whenCalling(() -> {
            clock.advance(Duration.ofMillis(100));
            breaker.executeRunnable(() -> {
                if (downstreamFails) {
                    throw new IllegalStateException("payments backend down");
                }
            });
        });
    }

    /** A shedder that never opens within the assertion, on the virtual clock. */
    private FuseAssert neverTrips() {
        OtherFusesAssertTest.Shedder shedder = new OtherFusesAssertTest.Shedder();
        return assertThat(shedder).withClock(clock).pacedEvery(Duration.ZERO).whenCalling(() -> clock.advance(Duration.ofMillis(10)));
    }

    @Test
    void aConstraintSet_isResolvedAppliedAndNamed_andItsAchievedPressureFollowsTheFirstLines() {
        Constraints warm = cpu("warm", 30);
        assertOn(breaker()).under(warm).tripsWithinCalls(4);

        // Real time (the system clock) so the session holds pressure for about half a second.
        OtherFusesAssertTest.Shedder shedder = new OtherFusesAssertTest.Shedder();
        Throwable failure = Assertions.catchThrowable(() -> assertThat(shedder).under(warm)
                .whenCalling(() -> { }).tripsWithin(Duration.ofMillis(500)));

        Assertions.assertThat(failure).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expecting fuse 'shedder' to trip (OPEN) within 500ms under cpu 30%,\n"
                        + "but it was CLOSED after ");
        String[] lines = failure.getMessage().split("\n");
        Assertions.assertThat(lines[2]).matches(SESSION_ACHIEVED);
        // The pressure was held at least as long as the assertion called, 500ms on the system clock.
        double heldSeconds = Double.parseDouble(lines[2].replaceFirst("pressure achieved over ([0-9.]+)s: .*", "$1"));
        Assertions.assertThat(heldSeconds).isBetween(0.5, 10.0);
        Assertions.assertThat(lines[3]).isEqualTo("timeline (time since start: state, calls made, sheds counted by the fuse):");
        Assertions.assertThat(lines).hasSize(6);
        Assertions.assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(thread -> thread.getName().startsWith("panic-cpu") && thread.isAlive());
    }

    @Test
    void aConstraintSetByName_isLoadedFromTheContextClassPath() {
        // gentle-cpu is a user set in this module's test resources: cpu load 40.
        assertThatThrownBy(() -> neverTrips().under("gentle-cpu").shedsAtLeast(50, 3))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("shedsAtLeast needs the exception type that marks a shed call: call"
                        + " rejectingWith(YourRejection.class) first");

        Throwable failure = Assertions.catchThrowable(() -> neverTrips().under("gentle-cpu").tripsWithinCalls(2));

        Assertions.assertThat(failure).isInstanceOf(AssertionError.class);
        String[] lines = failure.getMessage().split("\n");
        Assertions.assertThat(lines).hasSize(6);
        Assertions.assertThat(lines[0] + "\n" + lines[1]).isEqualTo("""
                Expecting fuse 'shedder' to trip (OPEN) within 2 calls under cpu 40%,
                but it was CLOSED after 2 calls and 0.02s (2 succeeded, 0 failed; the fuse counted 0 sheds).""");
        Assertions.assertThat(lines[2]).matches(SESSION_ACHIEVED);
        Assertions.assertThat(lines[3] + "\n" + lines[4] + "\n" + lines[5]).isEqualTo("""
                timeline (time since start: state, calls made, sheds counted by the fuse):
                  0s: CLOSED, 0 calls, 0 shed
                  0.02s: CLOSED, 2 calls, 0 shed""");
    }

    @Test
    void badSetsFailBeforeAnyCall() {
        FuseAssert assertion = neverTrips();
        assertThatThrownBy(() -> assertion.under((String) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("constraintSetName");
        assertThatThrownBy(() -> assertion.under((Constraints) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("set");
        assertThatThrownBy(() -> assertion.under((PressurePlan) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("pressurePlan");
        assertThatThrownBy(() -> assertion.under((PressureControl) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("pressureControl");
        assertThatThrownBy(() -> assertion.under("no-such-set")).isInstanceOf(ConstraintSetException.class)
                .hasMessageContaining("no constraint set named 'no-such-set' (looked for"
                        + " panic/constraint-sets/no-such-set.yaml on the class path, then the built-in sets); available: ")
                .hasMessageContaining("gentle-cpu");
        assertThatThrownBy(() -> assertion.under(Constraints.named("skewed")
                .withTime(new TimeConstraint(Optional.of(Duration.ofSeconds(5)), Optional.empty(), List.of()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the subject is empty; name the code under test");
    }

    @Test
    void aControl_isNamedByItsAxesAndTargets_andKeepsItsPressure() {
        try (PressureControl pressure = PressureControl.open()) {
            pressure.set("cpu", 30);

            Throwable failure = Assertions.catchThrowable(() -> neverTrips().under(pressure).tripsWithinCalls(2));

            Assertions.assertThat(failure).isInstanceOf(AssertionError.class);
            String[] lines = failure.getMessage().split("\n");
            Assertions.assertThat(lines).hasSize(6);
            Assertions.assertThat(lines[0] + "\n" + lines[1]).isEqualTo("""
                    Expecting fuse 'shedder' to trip (OPEN) within 2 calls under the PressureControl's pressure (cpu 30%),
                    but it was CLOSED after 2 calls and 0.02s (2 succeeded, 0 failed; the fuse counted 0 sheds).""");
            Assertions.assertThat(lines[2]).matches("pressure achieved by the control so far: cpu target \\d+(\\.\\d)?%"
                    + " achieved \\d+(\\.\\d)?% \\(sd (\\d+(\\.\\d)?|n/a)\\)\\.");
            Assertions.assertThat(lines[3]).startsWith("timeline (");
            // The assertion neither changed nor lifted the control's pressure.
            Assertions.assertThat(pressure.axes()).containsExactly("cpu");
            Assertions.assertThat(pressure.targetNow("cpu")).isEqualTo(30.0);
            Assertions.assertThat(pressure.timeline()).hasSize(1);
        }
    }

    @Test
    void aControl_passesTheTripAndStayTrippedAssertions_thenRecoveryOnceReleased() {
        CircuitBreaker breaker = breaker();
        try (PressureControl pressure = PressureControl.open()) {
            pressure.set("cpu", 30);
            assertOn(breaker).under(pressure).tripsWithinCalls(4).staysTrippedFor(Duration.ofSeconds(2));

            downstreamFails = false;
            assertThatThrownBy(() -> assertOn(breaker).under(pressure).closesWithin(Duration.ofSeconds(2)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("closesWithin(2s) on circuit breaker 'payments' measures recovery after pressure lifted,"
                            + " but the PressureControl still holds cpu 30%: release the pressure first (releaseAll()"
                            + " or release(axis)), then assert recovery");
            Assertions.assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);

            pressure.releaseAll();
            assertOn(breaker).under(pressure).halfOpensAndClosesWithin(Duration.ofSeconds(2));
        }
    }

    @Test
    void aControl_withNoPressure_orClosed_isRefusedBeforeAnyCall() {
        CircuitBreaker breaker = breaker();
        PressureControl pressure = PressureControl.open();
        try {
            assertThatThrownBy(() -> assertOn(breaker).under(pressure).tripsWithinCalls(4))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("tripsWithinCalls(4) on circuit breaker 'payments' is under a PressureControl with no axis"
                            + " under pressure, so it would measure the fuse without pressure; apply pressure first"
                            + " (for example set(\"cpu\", 80) or apply(\"cpu-spikes\")) or drop under(control)");
        } finally {
            pressure.close();
        }
        assertThatThrownBy(() -> assertOn(breaker).under(pressure).shedsAtLeast(50, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("shedsAtLeast(50.0, 1s) on circuit breaker 'payments' is under a PressureControl that is"
                        + " already closed, so it holds no pressure; assert while the control is open (inside the test"
                        + " method or the try-with-resources block that owns it)");
        Assertions.assertThat(breaker.getMetrics().getNumberOfBufferedCalls()).isZero();

        // Recovery after the control closed is what a test measures once its pressure is gone.
        assertOn(breaker).tripsWithinCalls(4);
        downstreamFails = false;
        assertOn(breaker).under(pressure).closesWithin(Duration.ofSeconds(2));
    }

    @Test
    void theLastUnderWins() {
        try (PressureControl pressure = PressureControl.open()) {
            assertThatThrownBy(() -> neverTrips().under(pressure).under(PressurePlan.none()).tripsWithinCalls(1))
                    .hasMessageStartingWith("Expecting fuse 'shedder' to trip (OPEN) within 1 call under no pressure,\n")
                    .hasMessageContaining("\npressure achieved over ");
            assertThatThrownBy(() -> neverTrips().under(PressurePlan.none()).under(pressure).tripsWithinCalls(1))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("no axis under pressure");
        }
    }
}
