package dev.panicattack.examples.fuse;

import dev.panicattack.fuse.VirtualClock;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;

/**
 * A small service that asks a slow dependency (the inventory backend) for stock, behind a
 * Resilience4j circuit breaker. The backend's latency is injected on a virtual clock.
 */
final class InventoryService {

    /** The dependency: answers after {@code latency}; {@link #slowTo} and {@link #heal} change it. */
    static final class Backend {
        private final VirtualClock clock;
        private volatile Duration latency = Duration.ofMillis(5);

        Backend(VirtualClock clock) {
            this.clock = clock;
        }

        void slowTo(Duration injected) {
            latency = injected;
        }

        void heal() {
            latency = Duration.ofMillis(5);
        }

        int stock(String sku) {
            clock.advance(latency);
            return sku.length();
        }
    }

    private final Backend backend;
    private final CircuitBreaker breaker;

    InventoryService(Backend backend, CircuitBreaker breaker) {
        this.backend = backend;
        this.breaker = breaker;
    }

    int stock(String sku) {
        return breaker.executeSupplier(() -> backend.stock(sku));
    }
}
