package dev.panicattack.trial;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.panicattack.evidence.EvidenceStore;
import dev.panicattack.evidence.Fact;
import dev.panicattack.evidence.FlightRecorderSensor;

/**
 * One Flight Recorder stream for the whole run (starting one costs about a second), feeding a
 * run-wide store from which each trial takes the slice of its own time window, rebased to its own
 * time zero. Events arrive up to about a second late, so a trial takes its slice only after
 * {@link #awaitFlush(Duration)}.
 */
final class FlightRecorderFeed implements AutoCloseable {

    private final EvidenceStore runStore;
    private final FlightRecorderSensor sensor;

    private FlightRecorderFeed(EvidenceStore runStore, FlightRecorderSensor sensor) {
        this.runStore = runStore;
        this.sensor = sensor;
    }

    static FlightRecorderFeed start() {
        EvidenceStore store = EvidenceStore.open();
        FlightRecorderSensor sensor = FlightRecorderSensor.ofDefaults();
        sensor.start(store);
        return new FlightRecorderFeed(store, sensor);
    }

    boolean awaitFlush(Duration timeout) {
        return sensor.awaitFlush(timeout);
    }

    /**
     * The timed facts recorded between the trial's start and {@code untilNanos}, with their times
     * rebased to the trial store's time zero.
     */
    List<Fact> slice(EvidenceStore trialStore, long untilNanos) {
        double offsetMillis = (trialStore.startNanos() - runStore.startNanos()) / 1e6;
        double untilMillis = (untilNanos - runStore.startNanos()) / 1e6;
        List<Fact> slice = new ArrayList<>();
        for (Fact fact : runStore.snapshot()) {
            if (fact.values().isEmpty() || !(fact.values().get(0) instanceof Number time)) {
                continue;
            }
            double at = time.doubleValue();
            if (at < offsetMillis || at > untilMillis) {
                continue;
            }
            List<Object> values = new ArrayList<>(fact.values());
            values.set(0, time instanceof Long ? (Object) Math.round(at - offsetMillis) : (Object) (at - offsetMillis));
            slice.add(new Fact(fact.predicate(), values));
        }
        return slice;
    }

    /** Forgets what no trial that starts from now on can ask for. */
    void discardBefore(long nanos) {
        runStore.discardTimedBefore(Math.round((nanos - runStore.startNanos()) / 1e6));
    }

    @Override
    public void close() {
        sensor.close();
    }
}
