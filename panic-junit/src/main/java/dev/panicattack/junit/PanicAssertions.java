package dev.panicattack.junit;

import dev.panicattack.fuse.Fuse;
import dev.panicattack.junit.fuse.BulkheadFuse;
import dev.panicattack.junit.fuse.CircuitBreakerFuse;
import dev.panicattack.junit.fuse.FuseAssert;
import dev.panicattack.junit.fuse.FuseAssertions;
import dev.panicattack.junit.fuse.RateLimiterFuse;
import dev.panicattack.junit.fuse.TimeLimiterFuse;
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
 * panic-attack's AssertJ entry point: {@code assertThat(fuse)} for a {@link Fuse} or a Resilience4j
 * {@link CircuitBreaker}, {@link Bulkhead}, {@link RateLimiter} or {@link TimeLimiter} (an optional
 * dependency: the Resilience4j adapters are separate classes, loaded only by these overloads; a
 * project that does not have Resilience4j on its compile class path uses
 * {@link FuseAssertions#assertThat(Fuse)}). Each Resilience4j overload adapts the component as of
 * now (shed counts start at zero) and knows its rejection type. User guide:
 * {@code docs/fuse-assertions.md}.
 */
public final class PanicAssertions {

    private PanicAssertions() {
    }

    /** Assertions on any {@link Fuse}; give the rejection type with {@link FuseAssert#rejectingWith} to assert shedding. */
    public static FuseAssert assertThat(Fuse fuse) {
        return FuseAssertions.assertThat(fuse);
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
