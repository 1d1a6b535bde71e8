package dev.panicattack.junit.fuse;

/**
 * A fuse adapter that counts its moves to half-open, so a half-open state that lasted less than
 * one call (the trial call closed it at once) still shows in the timeline.
 */
interface HalfOpenings {

    /** Moves to half-open since the adapter was created. */
    long halfOpenings();
}
