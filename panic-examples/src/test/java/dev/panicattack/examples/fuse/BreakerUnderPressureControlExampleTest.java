package dev.panicattack.examples.fuse;

import dev.panicattack.fuse.VirtualClock;
import dev.panicattack.junit.PressureInCode;
import dev.panicattack.junit.fuse.FuseCall;
import dev.panicattack.pressure.PressureControl;
import dev.panicattack.resilience4j.Resilience4jAssertions;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The example of docs/fuse-assertions.md, "Under a PressureControl": the test body holds real CPU
 * pressure while the breaker must trip and stay tripped, and lifts it before asserting recovery.
 * The backend's latency is injected on a virtual clock, as in {@link BreakerExamplesTest}.
 */
class BreakerUnderPressureControlExampleTest {

    // tag::under-control[]
    @Test
    @PressureInCode
    void theBreakerHoldsWhileTheHostIsLoadedAndRecoversOnceItIsNot(PressureControl pressure) {
        VirtualClock clock = new VirtualClock();
        InventoryService.Backend backend = new InventoryService.Backend(clock);
        CircuitBreaker breaker = CircuitBreaker.of("inventory", BreakerExamplesTest.shipped(clock).build());
        InventoryService service = new InventoryService(backend, breaker);
        FuseCall oneCallEvery100ms = () -> {
            clock.advance(Duration.ofMillis(100));
            service.stock("sku-42");
        };

        pressure.set("cpu", 30);                   // the host gets busy and the backend slows
        backend.slowTo(Duration.ofMillis(200));
        Resilience4jAssertions.assertThat(breaker).under(pressure).withClock(clock).pacedEvery(Duration.ZERO)
                .whenCalling(oneCallEvery100ms)
                .tripsWithinCalls(5)
                .staysTrippedFor(Duration.ofSeconds(5));

        pressure.releaseAll();                     // recovery is asserted once the pressure is gone
        backend.heal();
        Resilience4jAssertions.assertThat(breaker).under(pressure).withClock(clock).pacedEvery(Duration.ZERO)
                .whenCalling(oneCallEvery100ms)
                .halfOpensAndClosesWithin(Duration.ofSeconds(3));
    }
    // end::under-control[]
}
