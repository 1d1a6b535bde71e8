package dev.panicattack.trial;

import dev.panicattack.evidence.EvidenceStore;
import dev.panicattack.evidence.Fact;
import dev.panicattack.pressure.axis.PressureSample;
import dev.panicattack.pressure.axis.PressureTrace;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns a stressor's {@link PressureTrace} into facts: {@code pressure_unit(axis, unit)} once, then
 * per sample {@code pressure_target(t, axis, value)} and {@code pressure_achieved(t, axis, value)}
 * in the trace's unit (a percentage for {@code %cpu}, {@code %heap}, ...).
 *
 * <p>The time {@code t} is the sample's {@code at} in whole milliseconds (truncated). That is a
 * time on the evidence clock only because the pressure session and the {@link EvidenceStore} are
 * started together: the engine opens the store right before it starts the stressors, so the two
 * time zeros differ by the stressors' start-up time (a few milliseconds).
 */
public final class PressureTraceFacts {

    private PressureTraceFacts() {
    }

    /** The facts of one trace, unit first, then target and achieved per sample in sample order. */
    public static List<Fact> of(PressureTrace trace) {
        Objects.requireNonNull(trace, "trace");
        List<Fact> facts = new ArrayList<>(1 + 2 * trace.samples().size());
        facts.add(Fact.of("pressure_unit", trace.series(), trace.unit()));
        for (PressureSample sample : trace.samples()) {
            long t = sample.at().toMillis();
            facts.add(Fact.of("pressure_target", t, trace.series(), sample.target()));
            facts.add(Fact.of("pressure_achieved", t, trace.series(), sample.achieved()));
        }
        return List.copyOf(facts);
    }

    /** Adds the facts of {@link #of(PressureTrace)} to {@code store}. */
    public static void record(PressureTrace trace, EvidenceStore store) {
        Objects.requireNonNull(store, "store");
        of(trace).forEach(store::add);
    }
}
