package dev.panicattack.fuse;

/**
 * Thrown by {@link SafetyInvariant#verify} when a critical state was not followed by a safe state
 * through a fuse in time; the message holds the counter-example's trajectory. An
 * {@link AssertionError}, so test frameworks report it as a failure, not an error.
 */
public final class SafetyInvariantViolation extends AssertionError {

    private static final long serialVersionUID = 1L;

    /** A violation described by {@code message}. */
    public SafetyInvariantViolation(String message) {
        super(message);
    }
}
