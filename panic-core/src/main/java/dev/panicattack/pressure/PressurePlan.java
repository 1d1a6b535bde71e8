package dev.panicattack.pressure;

import dev.panicattack.constraint.ConstraintSet;
import dev.panicattack.constraint.CpuConstraint;
import dev.panicattack.constraint.DiskConstraint;
import dev.panicattack.constraint.MemoryConstraint;
import dev.panicattack.constraint.Ramp;
import dev.panicattack.constraint.Spikes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A {@link ConstraintSet} with defaults applied and every axis checked as supported: what a
 * {@link PressureSession} runs. Immutable.
 *
 * <p>Defaults applied by {@link #resolve(ConstraintSet)}:
 * <ul>
 *   <li>cpu: the base level is {@code ramp(t)} when a ramp is declared, else {@code load}; when
 *       neither is declared but spikes are, the base is 0. Spikes raise the target to
 *       {@code max(base, spikes.to)} during each spike window.</li>
 *   <li>memory: {@code heap} absent means the live occupancy measured at start;
 *       {@code leakRate} defaults to 0; {@code ceiling} defaults to 95.</li>
 *   <li>disk: {@code fill} defaults to 0 and {@code latency} to none, but one of them must be
 *       declared; the budget is {@link DiskPlan#DEFAULT_BUDGET_BYTES} over the scope
 *       {@link DiskPlan#defaultScope()}.</li>
 * </ul>
 * Semantics: {@code docs/cpu-pressure.md}, {@code docs/heap-pressure.md}, {@code docs/disk-pressure.md}.
 */
public record PressurePlan(String name, Optional<CpuPlan> cpu, Optional<HeapPlan> heap, Optional<DiskPlan> disk) {

    public PressurePlan {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(cpu, "cpu");
        Objects.requireNonNull(heap, "heap");
        Objects.requireNonNull(disk, "disk");
    }

    /** A plan without a disk axis. */
    public PressurePlan(String name, Optional<CpuPlan> cpu, Optional<HeapPlan> heap) {
        this(name, cpu, heap, Optional.empty());
    }

    /** The plan that applies no pressure. */
    public static PressurePlan none() {
        return new PressurePlan("none", Optional.empty(), Optional.empty());
    }

    /**
     * Resolves a declared set into a plan.
     *
     * @throws UnsupportedAxisException when the set declares network, concurrency or time
     * @throws IllegalArgumentException when the declared values contradict each other
     */
    public static PressurePlan resolve(ConstraintSet set) {
        Objects.requireNonNull(set, "set");
        if (set.network().isPresent()) {
            throw new UnsupportedAxisException(set.name(), "network");
        }
        if (set.concurrency().isPresent()) {
            throw new UnsupportedAxisException(set.name(), "concurrency");
        }
        if (set.time().isPresent()) {
            throw new UnsupportedAxisException(set.name(), "time");
        }
        Optional<CpuPlan> cpu = set.cpu().map(constraint -> resolveCpu(set.name(), constraint));
        Optional<HeapPlan> heap = set.memory().map(constraint -> resolveHeap(set.name(), constraint));
        Optional<DiskPlan> disk = set.disk().map(constraint -> resolveDisk(set.name(), constraint));
        return new PressurePlan(set.name(), cpu, heap, disk);
    }

    private static DiskPlan resolveDisk(String setName, DiskConstraint constraint) {
        if (constraint.fill().isEmpty() && constraint.latency().isEmpty()) {
            throw new IllegalArgumentException("Constraint set '" + setName
                    + "' declares a disk section with neither fill nor latency; add 'fill: <0-100>' or"
                    + " 'latency: <duration>', or remove the 'disk:' section");
        }
        DiskPlan plan = DiskPlan.ofFill(constraint.fill().orElse(0));
        return constraint.latency().map(plan::withWriteLatency).orElse(plan);
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
        return cpu.isEmpty() && heap.isEmpty() && disk.isEmpty();
    }

    /**
     * A short human summary used verbatim in failure messages, for example
     * {@code cpu 80% (spikes to 100% every 10s for 2s), heap 70% +2%/s up to 95%}.
     */
    public String describe() {
        List<String> parts = new ArrayList<>();
        cpu.ifPresent(plan -> parts.add(plan.description()));
        heap.ifPresent(plan -> parts.add(plan.describe()));
        disk.ifPresent(plan -> parts.add(plan.describe()));
        return parts.isEmpty() ? "no pressure" : String.join(", ", parts);
    }
}
