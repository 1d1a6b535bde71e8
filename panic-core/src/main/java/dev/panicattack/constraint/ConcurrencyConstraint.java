package dev.panicattack.constraint;

import java.util.OptionalInt;

/** Concurrency axis: {@code contenders} threads competing with the subject. Declared now, applied by the concurrency stressor. */
public record ConcurrencyConstraint(OptionalInt contenders) {

    public ConcurrencyConstraint {
        if (contenders.isPresent() && (contenders.getAsInt() < 0 || contenders.getAsInt() > 1024)) {
            throw new IllegalArgumentException(
                    "concurrency.contenders must be between 0 and 1024, but was " + contenders.getAsInt());
        }
    }

    public ConcurrencyConstraint overriddenBy(ConcurrencyConstraint later) {
        return new ConcurrencyConstraint(later.contenders.isPresent() ? later.contenders : contenders);
    }
}
