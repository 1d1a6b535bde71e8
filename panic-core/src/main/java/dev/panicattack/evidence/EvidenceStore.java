package dev.panicattack.evidence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;

/**
 * The facts recorded about one test. Thread-safe and append-only: sensors add from their own
 * threads while the test runs; readers take snapshots. Times are milliseconds since the store was
 * opened, read from the injected monotonic clock.
 */
public final class EvidenceStore {

    private final LongSupplier nanoClock;
    private final long startNanos;
    private final ConcurrentLinkedQueue<Fact> facts = new ConcurrentLinkedQueue<>();

    private EvidenceStore(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
    }

    /** A store whose time zero is now, on {@link System#nanoTime()}. */
    public static EvidenceStore open() {
        return open(System::nanoTime);
    }

    /** A store whose time zero is now, on the given monotonic nanosecond clock. */
    public static EvidenceStore open(LongSupplier nanoClock) {
        return new EvidenceStore(Objects.requireNonNull(nanoClock, "nanoClock"));
    }

    /** Milliseconds since the store was opened: the time value of timed facts. */
    public long elapsedMillis() {
        return Duration.ofNanos(nanoClock.getAsLong() - startNanos).toMillis();
    }

    /** The nanosecond clock reading at time zero, to convert other monotonic readings. */
    public long startNanos() {
        return startNanos;
    }

    public void add(Fact fact) {
        facts.add(Objects.requireNonNull(fact, "fact"));
    }

    /** Adds {@code predicate(values...)} (see {@link Fact#of}). */
    public void add(String predicate, Object... values) {
        add(Fact.of(predicate, values));
    }

    /** All facts recorded so far, in insertion order. */
    public List<Fact> snapshot() {
        return List.copyOf(new ArrayList<>(facts));
    }

    /** The facts of one predicate recorded so far, in insertion order. */
    public List<Fact> facts(String predicate) {
        List<Fact> matching = new ArrayList<>();
        for (Fact fact : facts) {
            if (fact.predicate().equals(predicate)) {
                matching.add(fact);
            }
        }
        return List.copyOf(matching);
    }

    /**
     * Drops timed facts (those whose first value is a time) older than {@code millis}: long-lived
     * stores, such as a run-wide Flight Recorder feed, keep only what a live trial can still ask for.
     */
    public void discardTimedBefore(long millis) {
        facts.removeIf(fact -> !fact.values().isEmpty() && fact.values().get(0) instanceof Number time
                && time.doubleValue() < millis);
    }

    public int size() {
        return facts.size();
    }
}
