/**
 * Resilience4j components as {@link dev.panicattack.fuse.Fuse}s ({@link CircuitBreakerFuse},
 * {@link BulkheadFuse}, {@link RateLimiterFuse}, {@link TimeLimiterFuse}) and the fuse assertions on
 * them ({@link Resilience4jAssertions}). A module of its own, as AssertJ keeps its Guava assertions
 * apart, so panic-junit needs no Resilience4j. User guide: {@code docs/fuse-assertions.md}.
 */
package dev.panicattack.resilience4j;
