package dev.panicattack.fuse;

import java.util.Objects;

/** What a {@link Fuse} showed at one sample: its state and how many calls it had shed so far. */
public record FuseReading(FuseState state, long shedCount) {

    public FuseReading {
        Objects.requireNonNull(state, "state");
        if (shedCount < 0) {
            throw new IllegalArgumentException("shedCount must not be negative, but was " + shedCount);
        }
    }

    /** Reads {@code fuse} now. */
    public static FuseReading of(Fuse fuse) {
        return new FuseReading(fuse.state(), fuse.shedCount());
    }

    /** {@code OPEN 12}: the state and the shed count, as in trajectory tables. */
    public String describe() {
        return state + " " + shedCount;
    }
}
