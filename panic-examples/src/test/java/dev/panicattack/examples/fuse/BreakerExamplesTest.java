package dev.panicattack.examples.fuse;

import dev.panicattack.fuse.VirtualClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.panicattack.junit.fuse.FuseCall;
import dev.panicattack.resilience4j.Resilience4jAssertions;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The examples of docs/fuse-assertions.md: a real Resilience4j breaker in front of a dependency that
 * slows down, and a broken breaker configuration that the assertions catch. The broken one fails
 * for real; this test runs it through the engine and asserts the exact failure.
 */
class BreakerExamplesTest {

    /** The breaker the service ships with: slow calls (over 50ms) count as failures. */
    static CircuitBreakerConfig.Builder shipped(VirtualClock clock) {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED).slidingWindowSize(10)
                .minimumNumberOfCalls(5).slowCallDurationThreshold(Duration.ofMillis(50)).slowCallRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(2)).permittedNumberOfCallsInHalfOpenState(3)
                // The breaker reads the same virtual clock as the backend and the assertions.
                .clock(clock).currentTimestampFunction(Clock -> clock.millis(), TimeUnit.MILLISECONDS);
    }

    // tag::trips-and-recovers[]
    @Test
    void theBreakerTripsWhenTheBackendSlowsAndClosesWhenItHeals() {
        VirtualClock clock = new VirtualClock();
        InventoryService.Backend backend = new InventoryService.Backend(clock);
        CircuitBreaker breaker = CircuitBreaker.of("inventory", shipped(clock).build());
        InventoryService service = new InventoryService(backend, breaker);

        FuseCall oneCallEvery100ms = () -> {
            clock.advance(Duration.ofMillis(100));
            service.stock("sku-42");
        };

        backend.slowTo(Duration.ofMillis(200));
        Resilience4jAssertions.assertThat(breaker).withClock(clock).pacedEvery(Duration.ZERO)
                .whenCalling(oneCallEvery100ms)
                .tripsWithinCalls(5)
                .shedsAtLeast(90, 10)
                .staysTrippedFor(Duration.ofSeconds(5));

        backend.heal();
        Resilience4jAssertions.assertThat(breaker).withClock(clock).pacedEvery(Duration.ZERO)
                .whenCalling(oneCallEvery100ms)
                .halfOpensAndClosesWithin(Duration.ofSeconds(3));
    }
    // end::trips-and-recovers[]

    @Test
    void theBrokenBreakerIsCaught() {
        Throwable failure = EngineTestKit.engine("junit-jupiter").selectors(selectClass(BrokenBreakerTest.class))
                .execute().testEvents().failed().stream()
                .map(event -> event.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow())
                .findFirst().orElseThrow();

        assertThat(failure).isInstanceOf(AssertionError.class).hasMessage("""
                Expecting circuit breaker 'inventory' to trip (OPEN) within 20 calls under the caller's pressure,
                but it was CLOSED after 20 calls and 4s (20 succeeded, 0 rejected with CallNotPermittedException, \
                0 failed otherwise; the fuse counted 0 sheds).
                timeline (time since start: state, calls made, sheds counted by the fuse):
                  0s: CLOSED, 0 calls, 0 shed
                  4s: CLOSED, 20 calls, 0 shed""");
    }

    // tag::broken-breaker[]
    static class BrokenBreakerTest {

        @Test
        void slowCallThresholdAboveTheInjectedLatency() {
            VirtualClock clock = new VirtualClock();
            InventoryService.Backend backend = new InventoryService.Backend(clock);
            CircuitBreaker breaker = CircuitBreaker.of("inventory", shipped(clock)
                    .slowCallDurationThreshold(Duration.ofSeconds(1)) // the bug: 200ms never counts as slow
                    .build());
            InventoryService service = new InventoryService(backend, breaker);

            backend.slowTo(Duration.ofMillis(200));
            Resilience4jAssertions.assertThat(breaker).withClock(clock).pacedEvery(Duration.ZERO)
                    .whenCalling(() -> service.stock("sku-42"))
                    .tripsWithinCalls(20);
        }
    }
    // end::broken-breaker[]
}
