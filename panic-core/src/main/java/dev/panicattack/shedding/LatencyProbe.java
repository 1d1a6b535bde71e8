package dev.panicattack.shedding;

/**
 * One representative call to a priority-1 component, timed by the check against the component's
 * latency budget. It runs on the sampling thread; an exception it throws stops the check with a
 * {@link SheddingDeclarationException} naming the component.
 */
@FunctionalInterface
public interface LatencyProbe {

    /** Makes one call; returns when it is complete. */
    void call() throws Exception;
}
