package dev.panicattack.constraint;

import java.time.Duration;
import java.util.Optional;

/** Time axis: wall-clock {@code skew} (signed) seen by the subject. Declared now, applied by the time stressor. */
public record TimeConstraint(Optional<Duration> skew) {

    public TimeConstraint overriddenBy(TimeConstraint later) {
        return new TimeConstraint(later.skew.or(() -> skew));
    }
}
