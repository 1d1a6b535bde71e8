package dev.panicattack.chaosmesh;

import dev.panicattack.chaosmesh.Fault.Step;
import dev.panicattack.chaosmesh.Fault.Steady;
import dev.panicattack.chaosmesh.Fault.Stepped;
import dev.panicattack.chaosmesh.model.IOChaosSpec;
import dev.panicattack.chaosmesh.model.JVMChaosSpec;
import dev.panicattack.chaosmesh.model.NetworkChaosSpec;
import dev.panicattack.chaosmesh.model.PodSelector;
import dev.panicattack.chaosmesh.model.StressChaosSpec;
import dev.panicattack.chaosmesh.model.StressChaosSpec.MemoryStressor;
import dev.panicattack.chaosmesh.model.StressChaosSpec.Stressors;
import dev.panicattack.chaosmesh.model.TimeChaosSpec;
import dev.panicattack.constraint.ClockJump;
import dev.panicattack.constraint.ConcurrencyConstraint;
import dev.panicattack.constraint.Constraints;
import dev.panicattack.constraint.CpuConstraint;
import dev.panicattack.constraint.DiskConstraint;
import dev.panicattack.constraint.DurationText;
import dev.panicattack.constraint.MemoryConstraint;
import dev.panicattack.constraint.NetworkConstraint;
import dev.panicattack.constraint.Ramp;
import dev.panicattack.constraint.Spikes;
import dev.panicattack.constraint.TimeConstraint;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A constraint set as Chaos Mesh faults, axis by axis (the mapping table of {@code docs/chaos-mesh.md}).
 * Every declared key is mapped, approximated with a note, or refused naming the key; a refused key
 * the caller chose to omit is noted instead. Stateless apart from the inputs; one use.
 */
final class SetTranslation {

    /** Errno of "No space left on device", for the disk fill approximation. */
    static final int ENOSPC = 28;
    /** Errno of "Input/output error", for disk.errorRate. */
    static final int EIO = 5;
    /** Steps of a discretised cpu ramp. */
    static final int RAMP_STEPS = 10;
    /** Steps of a discretised memory leak. */
    static final int LEAK_STEPS = 10;
    /** The JVMChaos agent port Chaos Mesh uses by default. */
    static final int JVM_AGENT_PORT = 9277;
    /** tbf queue limit and burst buffer, in bytes, for a bandwidth fault (Chaos Mesh's documented example values). */
    static final long BANDWIDTH_LIMIT = 20_971_520L;
    static final long BANDWIDTH_BUFFER = 10_000L;
    /** The heap axis's default ceiling of a leak, percent (docs/heap-pressure.md). */
    static final int DEFAULT_CEILING = 95;

    private final Constraints set;
    private final Target target;
    private final ContainerLimits limits;
    private final Duration duration;
    private final Set<String> omitted;
    private final List<Fault> faults = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    SetTranslation(Constraints set, Target target, ContainerLimits limits, Duration duration, Set<String> omitted) {
        this.set = set;
        this.target = target;
        this.limits = limits;
        this.duration = duration;
        this.omitted = omitted;
    }

    /** The faults of the set; {@link #notes()} then holds every approximation and omission. */
    List<Fault> faults() {
        if (set.isEmpty()) {
            throw new ChaosMeshException(set.name(), "declares no axis, so there is nothing to export");
        }
        set.cpu().ifPresent(this::cpu);
        set.memory().ifPresent(this::memory);
        set.network().ifPresent(this::network);
        set.disk().ifPresent(this::disk);
        set.concurrency().ifPresent(this::concurrency);
        set.time().ifPresent(this::time);
        if (faults.isEmpty()) {
            throw new ChaosMeshException(set.name(), "every declared key was omitted, so there is nothing to export");
        }
        return List.copyOf(faults);
    }

    List<String> notes() {
        return List.copyOf(notes);
    }

    private void cpu(CpuConstraint cpu) {
        if (cpu.ramp().isPresent() && cpu.spikes().isPresent()) {
            refuse("cpu.ramp", "a ramp together with spikes has no Workflow form here; export them as two sets");
        }
        if (cpu.ramp().isPresent() && cpu.spikes().isEmpty()) {
            faults.add(ramp(cpu.ramp().get()));
            cpu.load().ifPresent(load -> note("cpu.load", "replaced by the ramp as the base, as in the JVM"));
            return;
        }
        int base = cpu.load().orElse(0);
        if (cpu.spikes().isPresent()) {
            faults.add(spikes(base, cpu.spikes().get()));
        } else if (cpu.load().isPresent()) {
            faults.add(new Steady("cpu", cpuSpec("cpu.load", base)));
        }
        if (cpu.load().isPresent() || cpu.spikes().isPresent()) {
            note("cpu", "open loop: stress-ng adds its load beside the application's, where the JVM stressor"
                    + " tops up what the code under test leaves idle");
        }
    }

    private Fault spikes(int base, Spikes spikes) {
        List<Step> steps = new ArrayList<>();
        Duration at = Duration.ZERO;
        Duration quiet = spikes.every();
        while (at.compareTo(duration) < 0) {
            Duration baseLength = min(quiet, duration.minus(at));
            steps.add(new Step(Optional.of(cpuSpec("cpu.load", base)), baseLength));
            at = at.plus(baseLength);
            if (at.compareTo(duration) >= 0) {
                break;
            }
            Duration spikeLength = min(spikes.length(), duration.minus(at));
            steps.add(new Step(Optional.of(cpuSpec("cpu.spikes.to", spikes.to())), spikeLength));
            at = at.plus(spikeLength);
            quiet = spikes.every().minus(spikes.length());
        }
        return new Stepped("cpu-spikes", steps);
    }

    private Fault ramp(Ramp ramp) {
        List<Step> steps = new ArrayList<>();
        Duration length = ramp.over().dividedBy(RAMP_STEPS);
        for (int i = 0; i < RAMP_STEPS; i++) {
            int level = Math.round(ramp.from() + (ramp.to() - ramp.from()) * i / (float) RAMP_STEPS);
            steps.add(new Step(Optional.of(cpuSpec("cpu.ramp.from", level)), length));
        }
        Duration hold = duration.minus(length.multipliedBy(RAMP_STEPS));
        if (hold.isNegative() || hold.isZero()) {
            throw new ChaosMeshException("cpu.ramp.over", "the ramp (" + DurationText.format(ramp.over())
                    + ") does not end before the run does (" + DurationText.format(duration)
                    + "); export for longer with lasting(...) (Maven: -Dduration=...)");
        }
        steps.add(new Step(Optional.of(cpuSpec("cpu.ramp.to", ramp.to())), hold));
        note("cpu.ramp", "linear ramp as " + RAMP_STEPS + " equal steps of " + DurationText.format(length)
                + ", then held at " + ramp.to() + "%");
        return new Stepped("cpu-ramp", steps);
    }

    private StressChaosSpec cpuSpec(String key, int percent) {
        return new StressChaosSpec(target.mode().text(), target.value().orElse(null), selector(),
                new Stressors(limits.cpuStressor(key, percent), null), null);
    }

    private void memory(MemoryConstraint memory) {
        int heap = memory.heap().orElse(0);
        if (memory.heap().isPresent() && heap > 0) {
            faults.add(new Steady("memory", memorySpec(new MemoryStressor(1, limits.memorySize("memory.heap", heap), null))));
            note("memory.heap", "percent of the container's memory limit held by stress-ng, not percent of the max heap");
        }
        if (memory.leakRate().isPresent()) {
            double rate = memory.leakRate().getAsDouble();
            if (rate <= 0) {
                refuse("memory.leakRate", "a leak of 0% per second applies nothing; remove memory.leakRate");
                return;
            }
            int ceiling = memory.ceiling().orElse(DEFAULT_CEILING);
            if (memory.ceiling().isEmpty()) {
                note("memory.ceiling", "not declared: the heap axis's default " + DEFAULT_CEILING + "% is written");
            }
            int growth = ceiling - heap;
            if (growth <= 0) {
                refuse("memory.ceiling", "the leak can never grow: ceiling " + ceiling + " is not above heap " + heap
                        + "; raise memory.ceiling or remove memory.leakRate");
                return;
            }
            faults.add(leak(growth, rate));
        } else if (memory.ceiling().isPresent()) {
            refuse("memory.ceiling", "only bounds a leak, and the set declares no memory.leakRate; remove"
                    + " memory.ceiling or add a leak rate");
        }
    }

    /**
     * A leak as a staircase: {@link #LEAK_STEPS} memory stressors one after the other, each holding a
     * further share of the growth for a tenth of the time the leak takes to reach its ceiling, the last
     * held to the end of the run. The memory stressor's own {@code time} field would grow linearly, but
     * Chaos Mesh 2.6 refuses it (chaos-mesh issue 4424).
     */
    private Fault leak(int growth, double rate) {
        long reachMillis = BigDecimal.valueOf(growth).multiply(BigDecimal.valueOf(1000))
                .divide(BigDecimal.valueOf(rate), 0, RoundingMode.HALF_UP).longValueExact();
        Duration step = Duration.ofMillis(Math.max(1, Math.round(reachMillis / (double) LEAK_STEPS)));
        List<Step> steps = new ArrayList<>();
        Duration at = Duration.ZERO;
        for (int i = 1; i <= LEAK_STEPS && at.compareTo(duration) < 0; i++) {
            Duration length = i == LEAK_STEPS ? duration.minus(at) : min(step, duration.minus(at));
            String size = limits.memorySize("memory.leakRate", growth * i / (double) LEAK_STEPS);
            steps.add(new Step(Optional.of(memorySpec(new MemoryStressor(1, size, null))), length));
            at = at.plus(length);
        }
        note("memory.leakRate", "a staircase of " + steps.size() + " memory stressors on top of memory.heap, each "
                + DurationText.format(step) + " long and holding a further " + BigDecimal.valueOf(growth)
                .divide(BigDecimal.valueOf(LEAK_STEPS)).stripTrailingZeros().toPlainString() + "% of the memory limit,"
                + " up to " + growth + "%" + (steps.size() < LEAK_STEPS ? " (the run ends before the leak reaches it)" : ""));
        return new Stepped("memory-leak", steps);
    }

    private StressChaosSpec memorySpec(MemoryStressor stressor) {
        return new StressChaosSpec(target.mode().text(), target.value().orElse(null), selector(),
                new Stressors(null, stressor), null);
    }

    private void network(NetworkConstraint network) {
        network.reset().ifPresent(v -> refuse("network.reset", "Chaos Mesh cannot reset established connections"));
        network.refuse().ifPresent(v -> refuse("network.refuse", "Chaos Mesh cannot refuse a share of connects"));
        network.hosts().ifPresent(v -> refuse("network.hosts", "loopback hosts have no meaning in a cluster, where"
                + " the fault acts on every connection of the selected pods"));
        network.ports().ifPresent(v -> refuse("network.ports", "NetworkChaos has no port filter"));
        network.seed().ifPresent(v -> refuse("network.seed", "netem draws its own randomness; there is no seed"));
        if (network.jitter().isPresent() && network.latency().isEmpty()) {
            refuse("network.jitter", "jitter without latency has no netem form; add network.latency");
        }
        NetworkChaosSpec.Delay delay = network.latency().map(latency -> new NetworkChaosSpec.Delay(
                DurationText.format(latency), network.jitter().map(DurationText::format).orElse(null))).orElse(null);
        NetworkChaosSpec.Loss loss = network.loss().isPresent()
                ? new NetworkChaosSpec.Loss(plain(network.loss().getAsDouble())) : null;
        if (delay != null || loss != null) {
            String action = delay != null && loss != null ? "netem" : delay != null ? "delay" : "loss";
            faults.add(new Steady("network", networkSpec(action, delay, loss, null)));
            note("network", "acts on all traffic of the selected pods in the 'to' direction, not on loopback only;"
                    + " a lost packet is dropped by netem and retransmitted by the kernel's TCP");
        }
        network.bandwidth().ifPresent(rate -> faults.add(new Steady("network-bandwidth", networkSpec("bandwidth", null,
                null, new NetworkChaosSpec.Bandwidth(rate + "bps", BANDWIDTH_LIMIT, BANDWIDTH_BUFFER)))));
        network.blackhole().ifPresent(blackhole -> {
            if (blackhole) {
                faults.add(new Steady("network-partition", networkSpec("partition", null, null, null)));
                note("network.blackhole", "a partition of the pods' outgoing traffic: connections cannot open either,"
                        + " where the JVM fault lets them open and withholds the answers");
            } else {
                note("network.blackhole", "false declares no fault; nothing is written for it");
            }
        });
    }

    private NetworkChaosSpec networkSpec(String action, NetworkChaosSpec.Delay delay, NetworkChaosSpec.Loss loss,
            NetworkChaosSpec.Bandwidth bandwidth) {
        return new NetworkChaosSpec(action, target.mode().text(), target.value().orElse(null), selector(), "to", delay,
                loss, bandwidth, null);
    }

    private void disk(DiskConstraint disk) {
        if (!disk.scope().isEmpty()) {
            refuse("disk.scope", "the cluster fault acts on the volume given as the target's volumePath; remove"
                    + " disk.scope and give Target.withVolumePath(...) (Maven: -DvolumePath=/data)");
        }
        disk.seed().ifPresent(v -> refuse("disk.seed", "IOChaos draws its own randomness; there is no seed"));
        disk.contention().ifPresent(v -> refuse("disk.contention", "Chaos Mesh has no background-writer fault"));
        if (disk.budget().isPresent() && disk.fill().isEmpty()) {
            refuse("disk.budget", "a budget alone has no IOChaos form (the volume's own size bounds writes); remove"
                    + " disk.budget or add disk.fill");
        }
        disk.latency().ifPresent(latency -> faults.add(new Steady("disk-latency",
                ioSpec("latency", List.of("write", "fsync"), 100, DurationText.format(latency), null))));
        disk.errorRate().ifPresent(rate -> {
            if (rate != Math.rint(rate)) {
                refuse("disk.errorRate", "IOChaos takes a whole percent, but was " + rate + "; write "
                        + Math.round(rate));
                return;
            }
            faults.add(new Steady("disk-errors", ioSpec("fault", List.of("read", "write", "fsync"), (int) rate, null, EIO)));
        });
        disk.fill().ifPresent(fill -> {
            if (fill > 0) {
                faults.add(new Steady("disk-fill", ioSpec("fault", List.of("write"), fill, null, ENOSPC)));
            }
            note("disk.fill", "approximated: " + fill + "% of writes on the volume fail with ENOSPC (No space left on"
                    + " device), where the JVM lets the remaining " + (100 - fill)
                    + "% of the budget be written, then fails every write");
            disk.budget().ifPresent(budget -> note("disk.budget", "kept as an annotation only; the volume's own size"
                    + " bounds writes in the cluster"));
        });
    }

    private IOChaosSpec ioSpec(String action, List<String> methods, int percent, String delay, Integer errno) {
        String volumePath = target.volumePath().orElseThrow(() -> new ChaosMeshException("volumePath", "the set's"
                + " disk axis needs the mount path of the volume to fault inside the container; give"
                + " Target.withVolumePath(\"/data\") (Maven: -DvolumePath=/data)"));
        return new IOChaosSpec(action, target.mode().text(), target.value().orElse(null), selector(), volumePath, methods,
                percent, delay, errno, null);
    }

    private void concurrency(ConcurrencyConstraint concurrency) {
        concurrency.noise().ifPresent(v -> refuse("concurrency.noise", "noise points are woven into the test JVM's"
                + " bytecode; Chaos Mesh cannot perturb one program's synchronisation points"));
        concurrency.seed().ifPresent(v -> refuse("concurrency.seed", "it seeds the noise, which cannot be exported"));
        concurrency.parallel().ifPresent(v -> refuse("concurrency.parallel", "copies of a test body exist only in a test;"
                + " drive the deployment with load instead"));
        concurrency.commonPool().ifPresent(v -> refuse("concurrency.commonPool", "Chaos Mesh cannot block a JVM's"
                + " common ForkJoinPool workers"));
        concurrency.contenders().ifPresent(contenders -> {
            if (contenders > 0) {
                faults.add(new Steady("contenders", new JVMChaosSpec("stress", target.mode().text(),
                        target.value().orElse(null), selector(), JVM_AGENT_PORT, contenders, null)));
            }
            note("concurrency.contenders", "approximated by JVMChaos stress: " + contenders + " threads burning CPU in"
                    + " the target JVM (agent port " + JVM_AGENT_PORT + "), which do not take the application's locks");
        });
    }

    private void time(TimeConstraint time) {
        time.drift().ifPresent(v -> refuse("time.drift", "TimeChaos sets a constant offset; a drifting clock has no"
                + " form"));
        for (ClockJump jump : time.jumps()) {
            if (jump.every().isPresent()) {
                refuse("time.jumps", "the repeating jump '" + jump.describe() + "' has no form here; list its"
                        + " occurrences as single jumps");
            }
        }
        Duration skew = time.skew().orElse(Duration.ZERO);
        if (time.jumps().isEmpty() || omitted.contains("time.jumps")) {
            time.skew().ifPresent(offset -> faults.add(new Steady("time", timeSpec(offset))));
            return;
        }
        List<ClockJump> jumps = new ArrayList<>(time.jumps());
        jumps.sort(Comparator.comparing(ClockJump::at));
        List<Step> steps = new ArrayList<>();
        Duration at = Duration.ZERO;
        Duration offset = skew;
        boolean declared = time.skew().isPresent();
        for (ClockJump jump : jumps) {
            if (jump.at().compareTo(duration) >= 0) {
                refuse("time.jumps", "the jump '" + jump.describe() + "' comes after the run ends ("
                        + DurationText.format(duration) + "); export for longer with lasting(...)"
                        + " (Maven: -Dduration=...)");
            }
            if (jump.at().isZero() || jump.at().equals(at) && !steps.isEmpty()) {
                refuse("time.jumps", "the jump '" + jump.describe() + "' starts at the same time as the previous step;"
                        + " fold it into time.skew");
            }
            steps.add(new Step(declared ? Optional.of(timeSpec(offset)) : Optional.empty(), jump.at().minus(at)));
            at = jump.at();
            offset = offset.plus(jump.by());
            declared = true;
        }
        steps.add(new Step(Optional.of(timeSpec(offset)), duration.minus(at)));
        faults.add(new Stepped("time-jumps", steps));
    }

    private TimeChaosSpec timeSpec(Duration offset) {
        return new TimeChaosSpec(target.mode().text(), target.value().orElse(null), selector(),
                DurationText.format(offset), null);
    }

    private PodSelector selector() {
        return new PodSelector(List.of(target.namespace()), target.labels());
    }

    private void refuse(String key, String why) {
        if (omitted.contains(key)) {
            notes.add(key + ": omitted (" + why + ")");
            return;
        }
        throw new ChaosMeshException(key, "has no Chaos Mesh equivalent: " + why + "; or export the rest of the set"
                + " with omitting(\"" + key + "\") (Maven: -Domit=" + key + ")");
    }

    private void note(String key, String what) {
        notes.add(key + ": " + what);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** {@code 1}, {@code 0.5}: a percent as netem reads it. */
    static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** Keys this translation can refuse, and so the keys {@code omitting(...)} accepts. */
    static final Set<String> REFUSABLE = Set.of("cpu.ramp", "memory.leakRate", "memory.ceiling", "network.reset",
            "network.refuse", "network.hosts", "network.ports", "network.seed", "network.jitter", "disk.scope",
            "disk.seed", "disk.contention", "disk.budget", "disk.errorRate", "concurrency.noise", "concurrency.seed",
            "concurrency.parallel", "concurrency.commonPool", "time.drift", "time.jumps");
}
