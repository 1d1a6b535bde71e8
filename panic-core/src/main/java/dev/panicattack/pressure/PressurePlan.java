package dev.panicattack.pressure;

import dev.panicattack.constraint.Axis;
import dev.panicattack.constraint.Constraints;
import dev.panicattack.constraint.CpuConstraint;
import dev.panicattack.constraint.MemoryConstraint;
import dev.panicattack.constraint.Ramp;
import dev.panicattack.constraint.Spikes;
import dev.panicattack.internal.text.Figures;
import dev.panicattack.pressure.axis.AxisPlan;
import dev.panicattack.pressure.axis.RampWave;
import dev.panicattack.pressure.axis.SpikeWave;
import dev.panicattack.pressure.axis.Waveform;
import dev.panicattack.pressure.concurrency.ConcurrencyPlan;
import dev.panicattack.pressure.cpu.CpuPlan;
import dev.panicattack.pressure.disk.DiskPlan;
import dev.panicattack.pressure.memory.HeapPlan;
import dev.panicattack.pressure.network.NetworkPlan;
import dev.panicattack.pressure.time.TimePlan;
import dev.panicattack.subject.Subject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A {@link Constraints} with defaults applied and every axis checked as supported: what a
 * {@link PressureSession} runs. Immutable.
 *
 * <p>Defaults applied by {@link #resolve(Constraints)}:
 * <ul>
 *   <li>cpu: the base level is {@code ramp(t)} when a ramp is declared, else {@code load}; when
 *       neither is declared but spikes are, the base is 0. Spikes raise the target to
 *       {@code max(base, spikes.to)} during each spike window.</li>
 *   <li>memory: {@code heap} absent means the live occupancy measured at start;
 *       {@code leakRate} defaults to 0; {@code ceiling} defaults to 95.</li>
 *   <li>time: {@code skew} and {@code drift} default to 0 and {@code jumps} to none, but one of them
 *       must be declared; the clock is shifted for the subject's calls ({@code docs/time-pressure.md}).</li>
 *   <li>disk: see {@link DiskPlan#resolve}.</li>
 * </ul>
 * Semantics: {@code docs/cpu-pressure.md}, {@code docs/heap-pressure.md}, {@code docs/disk-pressure.md}.
 */
public record PressurePlan(String name, List<AxisPlan> axes) {

    public PressurePlan {
        Objects.requireNonNull(name, "name");
        axes = List.copyOf(axes);
        Set<Axis> seen = new HashSet<>();
        for (AxisPlan axis : axes) {
            if (!seen.add(axis.axis())) {
                throw new IllegalArgumentException("Pressure plan '" + name + "' has two " + axis.axis().key()
                        + " axes; a plan holds each axis at most once");
            }
        }
    }

    /** A plan of {@code axes}, started in this order and stopped in reverse. */
    public static PressurePlan of(String name, AxisPlan... axes) {
        return new PressurePlan(name, List.of(axes));
    }

    /** The plan that applies no pressure. */
    public static PressurePlan none() {
        return new PressurePlan("none", List.of());
    }

    /**
     * Resolves a declared set into a plan. The heap axis comes first, so CPU load does not slow
     * the ballast's fill.
     *
     * @throws IllegalArgumentException when the declared values contradict each other
     */
    public static PressurePlan resolve(Constraints set) {
        return resolve(set, Subject.of());
    }

    /**
     * Resolves a declared set into a plan whose subject-scoped axes (those that act on the code
     * under test's own calls) act on {@code subject}.
     *
     * @throws IllegalArgumentException when the declared values contradict each other
     */
    public static PressurePlan resolve(Constraints set, Subject subject) {
        Objects.requireNonNull(set, "set");
        Objects.requireNonNull(subject, "subject");
        List<AxisPlan> axes = new ArrayList<>();
        set.memory().map(constraint -> resolveHeap(set.name(), constraint)).ifPresent(axes::add);
        set.cpu().map(constraint -> resolveCpu(set.name(), constraint)).ifPresent(axes::add);
        set.disk().map(constraint -> DiskPlan.resolve(set.name(), constraint)).ifPresent(axes::add);
        set.network().map(constraint -> NetworkPlan.resolve(set.name(), constraint)).ifPresent(axes::add);
        set.concurrency().map(constraint -> ConcurrencyPlan.resolve(set.name(), constraint, subject)).ifPresent(axes::add);
        set.time().map(constraint -> TimePlan.resolve(set.name(), constraint, subject)).ifPresent(axes::add);
        return new PressurePlan(set.name(), axes);
    }

    /** The axis of type {@code type}, when the plan has one. */
    public <T extends AxisPlan> Optional<T> axis(Class<T> type) {
        return axes.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** The cpu axis, when the plan has one. */
    public Optional<CpuPlan> cpu() {
        return axis(CpuPlan.class);
    }

    /** The heap axis, when the plan has one. */
    public Optional<HeapPlan> heap() {
        return axis(HeapPlan.class);
    }

    /** The disk axis, when the plan has one. */
    public Optional<DiskPlan> disk() {
        return axis(DiskPlan.class);
    }

    private static CpuPlan resolveCpu(String setName, CpuConstraint constraint) {
        if (constraint.load().isEmpty() && constraint.spikes().isEmpty() && constraint.ramp().isEmpty()) {
            throw new IllegalArgumentException("Constraint set '" + setName
                    + "' declares a cpu section with none of load, spikes or ramp; add 'load: <0-100>'"
                    + " or remove the 'cpu:' section");
        }
        Waveform wave;
        String text;
        if (constraint.ramp().isPresent()) {
            Ramp ramp = constraint.ramp().get();
            wave = new RampWave(ramp.from(), ramp.to(), ramp.over());
            text = "cpu ramp " + Figures.percent(ramp.from()) + " to " + Figures.percent(ramp.to())
                    + " over " + Figures.duration(ramp.over());
        } else {
            int load = constraint.load().orElse(0);
            wave = Waveform.constant(load);
            text = "cpu " + Figures.percent(load);
        }
        if (constraint.spikes().isPresent()) {
            Spikes spikes = constraint.spikes().get();
            wave = new SpikeWave(wave, spikes.to(), spikes.every(), spikes.length());
            text += " (spikes to " + Figures.percent(spikes.to()) + " every " + Figures.duration(spikes.every())
                    + " for " + Figures.duration(spikes.length()) + ")";
        }
        return new CpuPlan(wave, text);
    }

    private static HeapPlan resolveHeap(String setName, MemoryConstraint constraint) {
        OptionalDouble base = constraint.heap().isPresent()
                ? OptionalDouble.of(constraint.heap().getAsInt())
                : OptionalDouble.empty();
        double ceiling = constraint.ceiling().isPresent()
                ? constraint.ceiling().getAsInt()
                : HeapPlan.DEFAULT_CEILING_PERCENT;
        if (base.isPresent() && ceiling < base.getAsDouble()) {
            throw new IllegalArgumentException("Constraint set '" + setName + "' declares memory.ceiling "
                    + Figures.number(ceiling, 2) + " below memory.heap " + Figures.number(base.getAsDouble(), 2)
                    + "; the ceiling must be at least the heap level: raise memory.ceiling or lower memory.heap");
        }
        return new HeapPlan(base, constraint.leakRate().orElse(0), ceiling);
    }

    /** True when the plan applies no pressure at all. */
    public boolean isEmpty() {
        return axes.isEmpty();
    }

    /**
     * A short human summary used verbatim in failure messages, for example
     * {@code cpu 80% (spikes to 100% every 10s for 2s), heap 70% +2%/s up to 95%}: cpu first, then
     * the other axes in plan order.
     */
    public String describe() {
        if (axes.isEmpty()) {
            return "no pressure";
        }
        List<AxisPlan> ordered = new ArrayList<>(axes);
        ordered.sort(Comparator.comparing((AxisPlan axis) -> !(axis instanceof CpuPlan)));
        return ordered.stream().map(AxisPlan::describe).collect(Collectors.joining(", "));
    }
}
