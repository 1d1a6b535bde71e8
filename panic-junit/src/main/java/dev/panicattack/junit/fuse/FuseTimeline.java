package dev.panicattack.junit.fuse;

import dev.panicattack.fuse.FuseState;
import dev.panicattack.internal.text.Figures;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The states a fuse was seen in during one assertion: an entry at the start, one at every change
 * of state, and one at the end. Immutable.
 */
public record FuseTimeline(List<Entry> entries) {

    /** One sample: when (since the assertion started), the state, calls made so far, sheds counted by the fuse so far. */
    public record Entry(Duration at, FuseState state, long calls, long shed) {
        public Entry {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(state, "state");
        }

        /** {@code 0.42s: OPEN, 12 calls, 3 shed}. */
        @Override
        public String toString() {
            return seconds(at) + ": " + state + ", " + calls + (calls == 1 ? " call, " : " calls, ") + shed + " shed";
        }
    }

    public FuseTimeline {
        entries = List.copyOf(entries);
    }

    /** The last entry: the state when the assertion stopped. */
    public Entry last() {
        return entries.get(entries.size() - 1);
    }

    /** The first entry in {@code state}. */
    public Optional<Entry> first(FuseState state) {
        return entries.stream().filter(entry -> entry.state() == state).findFirst();
    }

    /** The first entry in {@code state} after {@code after}. */
    public Optional<Entry> firstAfter(Entry after, FuseState state) {
        return entries.stream().filter(entry -> entry.at().compareTo(after.at()) > 0 || entry.calls() > after.calls())
                .filter(entry -> entry.state() == state).findFirst();
    }

    /** The timeline as printed in failure messages, one entry a line, each indented by two spaces. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("timeline (time since start: state, calls made, sheds counted by the fuse):");
        entries.forEach(entry -> text.append("\n  ").append(entry));
        return text.toString();
    }

    /** {@code 0s}, {@code 0.42s}, {@code 12.5s}: seconds with millisecond precision. */
    static String seconds(Duration at) {
        return Figures.number(at.toNanos() / 1e9, 3) + "s";
    }
}
