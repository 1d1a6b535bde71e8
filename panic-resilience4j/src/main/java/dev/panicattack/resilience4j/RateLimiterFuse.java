package dev.panicattack.resilience4j;

import dev.panicattack.fuse.Fuse;
import dev.panicattack.fuse.FuseState;
import io.github.resilience4j.ratelimiter.RateLimiter;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Resilience4j {@link RateLimiter} as a {@link Fuse}: {@link FuseState#OPEN} while no permission
 * is available in the current refresh period, {@link FuseState#CLOSED} otherwise; it never
 * half-opens. The shed count is the number of permissions refused ({@code RateLimiterOnFailureEvent})
 * since this adapter subscribed.
 */
public final class RateLimiterFuse implements Fuse {

    private final RateLimiter limiter;
    private final AtomicLong shed = new AtomicLong();

    private RateLimiterFuse(RateLimiter limiter) {
        this.limiter = limiter;
    }

    /** Adapts {@code limiter}, subscribing to its events from now on. */
    public static RateLimiterFuse of(RateLimiter limiter) {
        Objects.requireNonNull(limiter, "limiter");
        RateLimiterFuse fuse = new RateLimiterFuse(limiter);
        limiter.getEventPublisher().onFailure(event -> fuse.shed.incrementAndGet());
        return fuse;
    }

    @Override
    public String name() {
        return limiter.getName();
    }

    @Override
    public FuseState state() {
        return limiter.getMetrics().getAvailablePermissions() <= 0 ? FuseState.OPEN : FuseState.CLOSED;
    }

    @Override
    public long shedCount() {
        return shed.get();
    }
}
