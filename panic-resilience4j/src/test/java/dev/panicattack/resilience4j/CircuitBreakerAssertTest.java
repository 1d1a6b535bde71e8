package dev.panicattack.resilience4j;

import dev.panicattack.fuse.VirtualClock;
import static dev.panicattack.resilience4j.Resilience4jAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panicattack.junit.fuse.FuseAssert;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Each assertion on a real Resilience4j breaker, passing and failing, on a clock that each call moves by 100 ms. */
class CircuitBreakerAssertTest {

    private final VirtualClock clock = new VirtualClock();
    private volatile boolean downstreamFails = true;

    private CircuitBreaker breaker(int minimumCalls) {
        return CircuitBreaker.of("payments", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(Math.max(4, minimumCalls)).minimumNumberOfCalls(minimumCalls)
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

    @Test
    void tripsWithinCalls_passes() {
        assertOn(breaker(4)).tripsWithinCalls(4);
    }

    @Test
    void tripsWithinCalls_failsWithTheTimeline() {
        CircuitBreaker breaker = breaker(100);

        assertThatThrownBy(() -> assertOn(breaker).tripsWithinCalls(5)).isInstanceOf(AssertionError.class)
                .hasMessage("""
                        Expecting circuit breaker 'payments' to trip (OPEN) within 5 calls under the caller's pressure,
                        but it was CLOSED after 5 calls and 0.5s (0 succeeded, 0 rejected with CallNotPermittedException, \
                        5 failed otherwise (5 java.lang.IllegalStateException); the fuse counted 0 sheds).
                        timeline (time since start: state, calls made, sheds counted by the fuse):
                          0s: CLOSED, 0 calls, 0 shed
                          0.5s: CLOSED, 5 calls, 0 shed""");
    }

    @Test
    void tripsWithin_time() {
        assertOn(breaker(4)).tripsWithin(Duration.ofMillis(400));
        CircuitBreaker slow = breaker(8);
        assertThatThrownBy(() -> assertOn(slow).tripsWithin(Duration.ofMillis(300)))
                .hasMessageStartingWith("Expecting circuit breaker 'payments' to trip (OPEN) within 300ms under the"
                        + " caller's pressure,\nbut it was CLOSED after 3 calls and 0.3s");
    }

    @Test
    void shedsAtLeast_passesAndFails() {
        CircuitBreaker breaker = breaker(4);
        assertOn(breaker).tripsWithinCalls(4).shedsAtLeast(100, 5);

        CircuitBreaker another = breaker(4);
        assertThatThrownBy(() -> assertOn(another).shedsAtLeast(80, 10)).hasMessage("""
                Expecting circuit breaker 'payments' to shed at least 80% of 10 calls with CallNotPermittedException \
                under the caller's pressure,
                but it shed 60% (6 of 10 calls; 0 succeeded, 4 failed otherwise (4 java.lang.IllegalStateException); \
                the fuse counted 6 sheds).
                timeline (time since start: state, calls made, sheds counted by the fuse):
                  0s: CLOSED, 0 calls, 0 shed
                  0.4s: OPEN, 4 calls, 0 shed
                  1s: OPEN, 10 calls, 6 shed""");
    }

    @Test
    void staysTrippedFor_passesWhileTheBackendFails_andFailsWhenItRecovers() {
        CircuitBreaker breaker = breaker(4);
        assertOn(breaker).tripsWithinCalls(4).staysTrippedFor(Duration.ofSeconds(3));

        downstreamFails = false;
        assertThatThrownBy(() -> assertOn(breaker).staysTrippedFor(Duration.ofSeconds(3))).hasMessageStartingWith("""
                Expecting circuit breaker 'payments' to stay tripped (OPEN or HALF_OPEN) for 3s under the caller's pressure,
                but it closed at""");
    }

    @Test
    void halfOpensAndClosesWithin_passesWhenTheBackendRecovers() {
        CircuitBreaker breaker = breaker(4);
        assertOn(breaker).tripsWithinCalls(4);
        downstreamFails = false;

        assertOn(breaker).halfOpensAndClosesWithin(Duration.ofSeconds(2));
    }

    @Test
    void halfOpensAndClosesWithin_failsWhileTheBackendStillFails() {
        CircuitBreaker breaker = breaker(4);
        assertOn(breaker).tripsWithinCalls(4);

        assertThatThrownBy(() -> assertOn(breaker).halfOpensAndClosesWithin(Duration.ofMillis(1500))).hasMessage("""
                Expecting circuit breaker 'payments' to half-open and then close within 1.5s after pressure lifted,
                but it half-opened at 1.1s and was OPEN after 15 calls and 1.5s.
                timeline (time since start: state, calls made, sheds counted by the fuse):
                  0s: OPEN, 0 calls, 0 shed
                  1.1s: HALF_OPEN, 11 calls, 10 shed
                  1.2s: OPEN, 12 calls, 10 shed
                  1.5s: OPEN, 15 calls, 13 shed""");
    }

    @Test
    void closesWithin_passesAndFails() {
        CircuitBreaker breaker = breaker(4);
        assertThatThrownBy(() -> assertOn(breaker).tripsWithinCalls(4).closesWithin(Duration.ofMillis(500)))
                .hasMessageStartingWith("Expecting circuit breaker 'payments' to close within 500ms after pressure"
                        + " lifted,\nbut it was OPEN after 5 calls and 0.5s.");
        downstreamFails = false;
        assertOn(breaker).closesWithin(Duration.ofSeconds(2));
    }

    @Test
    void misuseIsExplained() {
        CircuitBreaker breaker = breaker(4);
        assertThatThrownBy(() -> assertThat(breaker).tripsWithinCalls(3)).isInstanceOf(IllegalStateException.class)
                .hasMessage("no calls to make through circuit breaker 'payments': give the load with"
                        + " whenCalling(() -> ...) before asserting");
        assertThatThrownBy(() -> assertOn(breaker).tripsWithinCalls(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tripsWithinCalls(0): the number of calls must be at least 1");
        assertThatThrownBy(() -> assertOn(breaker).tripsWithin(Duration.ZERO))
                .hasMessage("tripsWithin(0s): the duration must be longer than zero");
        assertThatThrownBy(() -> assertOn(breaker).shedsAtLeast(120, 5))
                .hasMessage("shedsAtLeast(120.0, ...): the percentage must be above 0 and at most 100");
        assertThatThrownBy(() -> assertOn(breaker).withCallers(0))
                .hasMessage("withCallers(0): the number of callers must be between 1 and 64");
    }
}
