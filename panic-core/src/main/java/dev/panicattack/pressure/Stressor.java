package dev.panicattack.pressure;

/**
 * Applies pressure on one axis until closed. Implementations start their own daemon threads in
 * {@link #start()}, measure what they achieve, and stop everything in {@link #close()}, which is
 * idempotent and never throws.
 */
public interface Stressor extends AutoCloseable {

    /** The axis name used in summaries and evidence: {@code cpu}, {@code heap}, ... */
    String axis();

    /** Starts applying pressure. Called at most once. */
    void start();

    /**
     * Blocks until the pressure has first reached its target (the first measured window for CPU, the
     * first ballast for heap), or {@code timeout} passes. Returns whether it was reached; a test
     * starts under established pressure, not while it builds up.
     */
    boolean awaitEstablished(java.time.Duration timeout) throws InterruptedException;

    /** What was aimed for and achieved so far. Safe to call from any thread, also after close. */
    PressureTrace trace();

    /** Stops applying pressure and releases everything held. Idempotent. */
    @Override
    void close();
}
