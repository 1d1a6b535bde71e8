package dev.panicattack.pressure.axis;

import dev.panicattack.constraint.Axis;
import dev.panicattack.evidence.Fact;
import java.time.Duration;
import java.util.List;

/**
 * Applies pressure on one axis until closed. Implementations start their own daemon threads in
 * {@link #start()}, measure what they achieve, and stop everything in {@link #close()}, which is
 * idempotent.
 */
public interface Stressor extends AutoCloseable {

    /** How long a session waits for {@link #awaitEstablished} unless a stressor says otherwise. */
    Duration DEFAULT_ESTABLISH_LIMIT = Duration.ofSeconds(2);

    /** The axis this stressor presses; its {@link Axis#key()} names it in summaries and evidence. */
    Axis axis();

    /** Starts applying pressure. Called at most once. */
    void start();

    /**
     * Blocks until the pressure has first reached its target (the first measured window for CPU, the
     * first ballast for heap), or {@code timeout} passes. Returns whether it was reached; a test
     * starts under established pressure, not while it builds up.
     */
    boolean awaitEstablished(Duration timeout) throws InterruptedException;

    /** The longest a session waits for this stressor to be established before the test starts anyway. */
    default Duration establishLimit() {
        return DEFAULT_ESTABLISH_LIMIT;
    }

    /** What was aimed for and achieved so far. Safe to call from any thread, also after close. */
    PressureTrace trace();

    /** Every trace this stressor keeps, its main {@link #trace()} first. */
    default List<PressureTrace> traces() {
        return List.of(trace());
    }

    /**
     * Target versus achieved for the summary line, over what happened after {@code establishedNanos}
     * ({@link System#nanoTime()} when the test began under established pressure), for example
     * {@code cpu target 80% achieved 79.6% (sd 0.4)}.
     */
    String achieved(long establishedNanos);

    /**
     * Evidence beyond the traces (for example each refused write), with times in milliseconds since
     * the stressor started, as trace samples are. Complete once the stressor is closed.
     */
    default List<Fact> facts() {
        return List.of();
    }

    /**
     * Stops applying pressure and releases everything held. Idempotent. A stressor made of several
     * parts (threads, hooks in loaded classes, files) undoes every part even when one fails, then
     * throws the first failure with the later ones suppressed; a session or control that owns it
     * goes on to stop its other stressors and reports the failure as a {@code PressureReleaseException}.
     */
    @Override
    void close();
}
