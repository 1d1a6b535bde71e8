package dev.panicattack.resilience4j;

import dev.panicattack.fuse.Fuse;
import dev.panicattack.fuse.FuseState;
import dev.panicattack.junit.fuse.HalfOpenings;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A Resilience4j {@link CircuitBreaker} as a {@link Fuse}. States map one to one; {@code FORCED_OPEN}
 * reads as {@link FuseState#OPEN}, {@code DISABLED} and {@code METRICS_ONLY} as
 * {@link FuseState#CLOSED}. The shed count is the number of {@code CallNotPermitted} events since
 * this adapter subscribed (the breaker's own metric restarts at every state change); the trip time
 * is the last {@code CLOSED_TO_OPEN} transition seen.
 */
public final class CircuitBreakerFuse implements Fuse, HalfOpenings {

    private final CircuitBreaker breaker;
    private final AtomicLong shed = new AtomicLong();
    private final AtomicLong halfOpenings = new AtomicLong();
    private final AtomicReference<Instant> trippedAt = new AtomicReference<>();

    private CircuitBreakerFuse(CircuitBreaker breaker) {
        this.breaker = breaker;
    }

    /** Adapts {@code breaker}, subscribing to its events from now on. */
    public static CircuitBreakerFuse of(CircuitBreaker breaker) {
        Objects.requireNonNull(breaker, "breaker");
        CircuitBreakerFuse fuse = new CircuitBreakerFuse(breaker);
        breaker.getEventPublisher()
                .onCallNotPermitted(event -> fuse.shed.incrementAndGet())
                .onStateTransition(event -> {
                    if (event.getStateTransition() == CircuitBreaker.StateTransition.CLOSED_TO_OPEN) {
                        fuse.trippedAt.set(event.getCreationTime().toInstant());
                    }
                    if (event.getStateTransition().getToState() == CircuitBreaker.State.HALF_OPEN) {
                        fuse.halfOpenings.incrementAndGet();
                    }
                });
        return fuse;
    }

    @Override
    public String name() {
        return breaker.getName();
    }

    @Override
    public FuseState state() {
        switch (breaker.getState()) {
            case OPEN:
            case FORCED_OPEN:
                return FuseState.OPEN;
            case HALF_OPEN:
                return FuseState.HALF_OPEN;
            default:
                return FuseState.CLOSED;
        }
    }

    @Override
    public long shedCount() {
        return shed.get();
    }

    @Override
    public long halfOpenings() {
        return halfOpenings.get();
    }

    @Override
    public Optional<Instant> trippedAt() {
        return Optional.ofNullable(trippedAt.get());
    }
}
