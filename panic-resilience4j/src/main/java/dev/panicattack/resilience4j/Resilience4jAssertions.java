package dev.panicattack.resilience4j;

import dev.panicattack.junit.fuse.FuseAssert;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.timelimiter.TimeLimiter;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Fuse assertions on Resilience4j components: {@code assertThat(...)} for a {@link CircuitBreaker},
 * {@link Bulkhead}, {@link RateLimiter} or {@link TimeLimiter}, the same {@link FuseAssert} that
 * {@link dev.panicattack.junit.PanicAssertions#assertThat(dev.panicattack.fuse.Fuse)} gives for any
 * fuse. Each overload adapts the component as of now (shed counts start at zero) and knows its
 * rejection type. User guide: {@code docs/fuse-assertions.md}.
 */
public final class Resilience4jAssertions {

    private Resilience4jAssertions() {
    }

    /** Assertions on a circuit breaker; refused calls throw {@link CallNotPermittedException}. */
    public static FuseAssert assertThat(CircuitBreaker breaker) {
        return new FuseAssert(CircuitBreakerFuse.of(breaker), "circuit breaker",
                Optional.of(CallNotPermittedException.class));
    }

    /** Assertions on a semaphore bulkhead; refused calls throw {@link BulkheadFullException}. */
    public static FuseAssert assertThat(Bulkhead bulkhead) {
        return new FuseAssert(BulkheadFuse.of(bulkhead), "bulkhead", Optional.of(BulkheadFullException.class));
    }

    /** Assertions on a rate limiter; refused calls throw {@link RequestNotPermitted}. */
    public static FuseAssert assertThat(RateLimiter limiter) {
        return new FuseAssert(RateLimiterFuse.of(limiter), "rate limiter", Optional.of(RequestNotPermitted.class));
    }

    /** Assertions on a time limiter; calls cut off throw {@link TimeoutException}. */
    public static FuseAssert assertThat(TimeLimiter limiter) {
        return new FuseAssert(TimeLimiterFuse.of(limiter), "time limiter", Optional.of(TimeoutException.class));
    }
}
