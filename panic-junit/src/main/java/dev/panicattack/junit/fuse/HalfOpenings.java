package dev.panicattack.junit.fuse;

/**
 * A fuse that counts its moves to half-open, so a half-open state that lasted less than one call
 * (the trial call closed it at once) still shows in the timeline. Implemented by fuse adapters
 * (panic-resilience4j's circuit breaker) next to {@link dev.panicattack.fuse.Fuse}.
 */
public interface HalfOpenings {

    /** Moves to half-open since the adapter was created. */
    long halfOpenings();
}
