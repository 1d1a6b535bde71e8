package dev.panicattack.breakingpoint;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How one trial of the test at one level ended.
 *
 * @param passed   whether the test passed
 * @param cause    for a failed trial, its classified headline without the {@code panic: } prefix, such as
 *                 {@code LOCK_CONTENTION (confidence 0.91)} or {@code UNCLASSIFIED}, or the failure's type when
 *                 it was not diagnosed; empty for a passed trial
 * @param proof    the first proof lines of that diagnosis; empty when there is none
 * @param duration how long the trial took
 */
public record TrialOutcome(boolean passed, Optional<String> cause, List<String> proof, Duration duration) {

    public TrialOutcome {
        Objects.requireNonNull(cause, "cause");
        proof = List.copyOf(proof);
        Objects.requireNonNull(duration, "duration");
        if (passed && cause.isPresent()) {
            throw new IllegalArgumentException("a passed trial has no cause, but was given '" + cause.get() + "'");
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a trial's duration must not be negative, but was " + duration);
        }
    }

    /** A trial that passed. */
    public static TrialOutcome passed(Duration duration) {
        return new TrialOutcome(true, Optional.empty(), List.of(), duration);
    }

    /** A trial that failed with this cause and proof. */
    public static TrialOutcome failed(String cause, List<String> proof, Duration duration) {
        return new TrialOutcome(false, Optional.of(cause), proof, duration);
    }
}
