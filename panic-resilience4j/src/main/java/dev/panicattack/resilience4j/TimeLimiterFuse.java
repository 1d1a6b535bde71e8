package dev.panicattack.resilience4j;

import dev.panicattack.fuse.Fuse;
import dev.panicattack.fuse.FuseState;
import io.github.resilience4j.timelimiter.TimeLimiter;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A Resilience4j {@link TimeLimiter} as a {@link Fuse}. A time limiter has no state of its own, so
 * this adapter reads its events: {@link FuseState#OPEN} from a timeout until the next call that
 * completes in time (success or error), {@link FuseState#CLOSED} otherwise; it never half-opens.
 * The shed count is the number of timeouts since this adapter subscribed; the trip time is when the
 * last run of timeouts began.
 */
public final class TimeLimiterFuse implements Fuse {

    private final TimeLimiter limiter;
    private final AtomicLong shed = new AtomicLong();
    private final AtomicReference<FuseState> state = new AtomicReference<>(FuseState.CLOSED);
    private final AtomicReference<Instant> trippedAt = new AtomicReference<>();

    private TimeLimiterFuse(TimeLimiter limiter) {
        this.limiter = limiter;
    }

    /** Adapts {@code limiter}, subscribing to its events from now on. */
    public static TimeLimiterFuse of(TimeLimiter limiter) {
        Objects.requireNonNull(limiter, "limiter");
        TimeLimiterFuse fuse = new TimeLimiterFuse(limiter);
        limiter.getEventPublisher()
                .onTimeout(event -> {
                    fuse.shed.incrementAndGet();
                    if (fuse.state.getAndSet(FuseState.OPEN) == FuseState.CLOSED) {
                        fuse.trippedAt.set(event.getCreationTime().toInstant());
                    }
                })
                .onSuccess(event -> fuse.state.set(FuseState.CLOSED))
                .onError(event -> fuse.state.set(FuseState.CLOSED));
        return fuse;
    }

    @Override
    public String name() {
        return limiter.getName();
    }

    @Override
    public FuseState state() {
        return state.get();
    }

    @Override
    public long shedCount() {
        return shed.get();
    }

    @Override
    public Optional<Instant> trippedAt() {
        return Optional.ofNullable(trippedAt.get());
    }
}
