package dev.panicattack.chaosmesh;

import dev.panicattack.chaosmesh.model.FaultSpec;
import dev.panicattack.chaosmesh.model.IOChaosSpec;
import dev.panicattack.chaosmesh.model.JVMChaosSpec;
import dev.panicattack.chaosmesh.model.NetworkChaosSpec;
import dev.panicattack.chaosmesh.model.StressChaosSpec;
import dev.panicattack.chaosmesh.model.TimeChaosSpec;
import dev.panicattack.chaosmesh.model.WorkflowSpec;
import dev.panicattack.chaosmesh.model.WorkflowSpec.Template;
import dev.panicattack.constraint.ByteSizeText;
import dev.panicattack.constraint.ClockJump;
import dev.panicattack.constraint.ConcurrencyConstraint;
import dev.panicattack.constraint.Constraints;
import dev.panicattack.constraint.CpuConstraint;
import dev.panicattack.constraint.DiskConstraint;
import dev.panicattack.constraint.MemoryConstraint;
import dev.panicattack.constraint.NetworkConstraint;
import dev.panicattack.constraint.Ramp;
import dev.panicattack.constraint.Spikes;
import dev.panicattack.constraint.TimeConstraint;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Chaos Mesh manifests (StressChaos, NetworkChaos, IOChaos, TimeChaos, JVMChaos, and Workflows laid
 * out as {@link ChaosMeshExport} writes them) read back as one constraint set, converted through the
 * container's {@link ContainerLimits}. Each manifest is {@linkplain ManifestValidator validated}
 * first; whatever a constraint set cannot hold is an error naming the field. The pod selection is
 * not part of a set and is not read. Immutable.
 */
public final class ChaosMeshImport {

    private final ContainerLimits limits;
    private final ManifestValidator validator = ManifestValidator.create();
    private final ManifestYaml yaml = new ManifestYaml();

    private ChaosMeshImport(ContainerLimits limits) {
        this.limits = limits;
    }

    /** An import converting through {@code limits}. */
    public static ChaosMeshImport withLimits(ContainerLimits limits) {
        return new ChaosMeshImport(limits);
    }

    /**
     * The set that the manifests in {@code text} (one YAML stream, documents separated by {@code ---})
     * apply. Its name and description come from the {@value ChaosMeshExport#SET_ANNOTATION} and
     * {@value ChaosMeshExport#DESCRIPTION_ANNOTATION} annotations, else from the first manifest's name.
     *
     * @throws ChaosMeshException naming the manifest and field that is invalid or cannot be represented
     */
    public Constraints read(String text) {
        List<JsonNode> documents = yaml.documents(text);
        if (documents.isEmpty()) {
            throw new ChaosMeshException("(document)", "no manifest found; give at least one Chaos Mesh manifest");
        }
        Assembly assembly = new Assembly();
        for (JsonNode document : documents) {
            String where = document.path("kind").asString("?") + " " + document.path("metadata").path("name").asString("?");
            List<ManifestViolation> violations = validator.validate(document);
            if (!violations.isEmpty()) {
                throw new ChaosMeshException(where + " " + violations.get(0).field(), "is invalid: "
                        + violations.stream().map(ManifestViolation::toString).collect(Collectors.joining("; ")));
            }
            JsonNode metadata = document.get("metadata");
            assembly.annotations(metadata.get("name").asString(), metadata.path("annotations"));
            String kind = document.get("kind").asString();
            JsonNode spec = document.get("spec");
            try {
                if (kind.equals("Workflow")) {
                    workflow(assembly, yaml.convert(spec, WorkflowSpec.class));
                } else {
                    assembly.steady("spec", (FaultSpec) yaml.convert(spec, specType(kind)));
                }
            } catch (ChaosMeshException e) {
                throw new ChaosMeshException(where + " " + e.key(), e.getMessage().substring(e.key().length() + 2));
            }
        }
        return assembly.set();
    }

    private static Class<?> specType(String kind) {
        return switch (kind) {
            case "StressChaos" -> StressChaosSpec.class;
            case "NetworkChaos" -> NetworkChaosSpec.class;
            case "IOChaos" -> IOChaosSpec.class;
            case "TimeChaos" -> TimeChaosSpec.class;
            default -> JVMChaosSpec.class;
        };
    }

    private void workflow(Assembly assembly, WorkflowSpec spec) {
        Map<String, Template> byName = spec.templates().stream()
                .collect(Collectors.toMap(Template::name, Function.identity()));
        Template entry = byName.get(spec.entry());
        if (!entry.templateType().equals("Parallel")) {
            throw new ChaosMeshException("spec.entry", "a Workflow is read when its entry is a Parallel template of"
                    + " faults and Serial steps, as exported; '" + entry.name() + "' is " + entry.templateType());
        }
        for (String child : entry.children()) {
            Template template = byName.get(child);
            String field = "spec.templates[" + spec.templates().indexOf(template) + "]";
            if (template.templateType().equals("Serial")) {
                List<Template> steps = template.children().stream().map(byName::get).toList();
                assembly.stepped(field, template.name(), steps);
            } else if (template.fault() != null) {
                assembly.steady(field, template.fault());
            } else {
                throw new ChaosMeshException(field + ".templateType", template.templateType() + " under the entry has"
                        + " no constraint-set form; only faults and Serial steps do");
            }
        }
    }

    /** The set being read, axis by axis. */
    private final class Assembly {

        private Optional<String> name = Optional.empty();
        private Optional<String> description = Optional.empty();
        private OptionalLong budget = OptionalLong.empty();
        private CpuConstraint cpu;
        private OptionalInt heap = OptionalInt.empty();
        private OptionalInt leakGrowth = OptionalInt.empty();
        private Optional<Duration> leakTime = Optional.empty();
        private NetworkConstraint network;
        private DiskConstraint disk;
        private ConcurrencyConstraint concurrency;
        private TimeConstraint time;

        void annotations(String manifestName, JsonNode annotations) {
            if (name.isEmpty()) {
                name = Optional.of(annotations.path(ChaosMeshExport.SET_ANNOTATION).asString(manifestName));
            }
            if (annotations.has(ChaosMeshExport.DESCRIPTION_ANNOTATION)) {
                description = Optional.of(annotations.get(ChaosMeshExport.DESCRIPTION_ANNOTATION).asString());
            }
            if (annotations.has(ChaosMeshExport.BUDGET_ANNOTATION)) {
                String field = "metadata.annotations." + ChaosMeshExport.BUDGET_ANNOTATION;
                try {
                    budget = OptionalLong.of(ByteSizeText.parse(annotations.get(ChaosMeshExport.BUDGET_ANNOTATION).asString()));
                } catch (IllegalArgumentException e) {
                    throw new ChaosMeshException(field, e.getMessage());
                }
            }
        }

        void steady(String field, FaultSpec spec) {
            if (spec instanceof StressChaosSpec stress) {
                stress(field, stress);
            } else if (spec instanceof NetworkChaosSpec net) {
                network(field, net);
            } else if (spec instanceof IOChaosSpec io) {
                io(field, io);
            } else if (spec instanceof TimeChaosSpec clock) {
                time = orNone(time, TimeConstraint.none()).withSkew(GoDuration.parse(field + ".timeOffset", clock.timeOffset()));
            } else {
                JVMChaosSpec jvm = (JVMChaosSpec) spec;
                if (!jvm.action().equals("stress") || jvm.cpuCount() == null) {
                    throw new ChaosMeshException(field + ".action", "only JVMChaos stress with cpuCount (read as"
                            + " concurrency.contenders) has a constraint-set form, but was " + jvm.action());
                }
                concurrency = orNone(concurrency, ConcurrencyConstraint.none()).withContenders(jvm.cpuCount());
            }
        }

        private void stress(String field, StressChaosSpec spec) {
            if (spec.stressors().cpu() != null) {
                int load = limits.cpuPercent(field + ".stressors.cpu", spec.stressors().cpu());
                cpu = orNone(cpu, new CpuConstraint(OptionalInt.empty(), Optional.empty(), Optional.empty()));
                cpu = new CpuConstraint(OptionalInt.of(load), cpu.spikes(), cpu.ramp());
            }
            StressChaosSpec.MemoryStressor memory = spec.stressors().memory();
            if (memory != null) {
                String sizeField = field + ".stressors.memory.size";
                if (memory.size() == null) {
                    throw new ChaosMeshException(sizeField, "missing: a stressor taking all free memory has no percent of"
                            + " the heap; give a size such as 512MiB");
                }
                int percent = (int) Math.round(limits.memoryPercent(sizeField, memory.size()));
                if (memory.time() == null) {
                    heap = OptionalInt.of(percent);
                } else {
                    leakGrowth = OptionalInt.of(percent);
                    leakTime = Optional.of(GoDuration.parse(field + ".stressors.memory.time", memory.time()));
                }
            }
        }

        private void network(String field, NetworkChaosSpec spec) {
            if (!"to".equals(spec.direction()) && spec.direction() != null) {
                throw new ChaosMeshException(field + ".direction", "only 'to' (the pods' outgoing traffic) has a"
                        + " constraint-set form, but was '" + spec.direction() + "'");
            }
            NetworkConstraint current = orNone(network, NetworkConstraint.none());
            switch (spec.action()) {
                case "delay", "loss", "netem" -> {
                    if (spec.delay() != null) {
                        current = current.withLatency(GoDuration.parse(field + ".delay.latency", spec.delay().latency()));
                        if (spec.delay().jitter() != null) {
                            current = current.withJitter(GoDuration.parse(field + ".delay.jitter", spec.delay().jitter()));
                        }
                    }
                    if (spec.loss() != null) {
                        current = current.withLoss(Double.parseDouble(spec.loss().loss()));
                    }
                }
                case "bandwidth" -> {
                    String rate = spec.bandwidth().rate();
                    if (!rate.matches("[0-9]+bps")) {
                        throw new ChaosMeshException(field + ".bandwidth.rate", "only whole bytes per second ('<n>bps')"
                                + " are read, but was '" + rate + "'; write it as bps");
                    }
                    current = current.withBandwidth(Long.parseLong(rate.substring(0, rate.length() - 3)));
                }
                case "partition" -> current = current.withBlackhole(true);
                default -> throw new ChaosMeshException(field + ".action", "'" + spec.action() + "' has no"
                        + " constraint-set form; delay, loss, netem (delay and loss), bandwidth and partition do");
            }
            network = current;
        }

        private void io(String field, IOChaosSpec spec) {
            DiskConstraint current = orNone(disk, DiskConstraint.none());
            int percent = spec.percent() == null ? 100 : spec.percent();
            if (spec.action().equals("latency")) {
                current = new DiskConstraint(current.fill(), Optional.of(GoDuration.parse(field + ".delay", spec.delay())),
                        current.budget(), current.scope(), current.errorRate(), current.seed(), current.contention());
            } else if (spec.action().equals("fault") && spec.errno() == SetTranslation.ENOSPC) {
                current = new DiskConstraint(OptionalInt.of(percent), current.latency(), current.budget(), current.scope(),
                        current.errorRate(), current.seed(), current.contention());
            } else if (spec.action().equals("fault") && spec.errno() == SetTranslation.EIO) {
                current = current.withErrorRate(percent);
            } else if (spec.action().equals("fault")) {
                throw new ChaosMeshException(field + ".errno", "only 5 (EIO, read as disk.errorRate) and 28 (ENOSPC,"
                        + " read as disk.fill) have a constraint-set form, but was " + spec.errno());
            } else {
                throw new ChaosMeshException(field + ".action", "'" + spec.action() + "' has no constraint-set form;"
                        + " latency and fault do");
            }
            disk = current;
        }

        void stepped(String field, String name, List<Template> steps) {
            if (steps.stream().allMatch(step -> step.stressChaos() != null && step.stressChaos().stressors().cpu() != null)) {
                List<Integer> levels = steps.stream()
                        .map(step -> limits.cpuPercent(field + ".stressors.cpu", step.stressChaos().stressors().cpu())).toList();
                List<Duration> lengths = steps.stream().map(step -> GoDuration.parse(field + ".deadline", step.deadline())).toList();
                if (name.endsWith("cpu-ramp")) {
                    Duration over = lengths.subList(0, lengths.size() - 1).stream().reduce(Duration.ZERO, Duration::plus);
                    cpu = new CpuConstraint(OptionalInt.empty(), Optional.empty(),
                            Optional.of(new Ramp(levels.get(0), levels.get(levels.size() - 1), over)));
                } else if (levels.size() >= 2) {
                    cpu = new CpuConstraint(OptionalInt.of(levels.get(0)), Optional.of(new Spikes(levels.get(1),
                            lengths.get(0), lengths.get(1))), Optional.empty());
                } else {
                    cpu = CpuConstraint.ofLoad(levels.get(0));
                }
                return;
            }
            if (steps.stream().allMatch(step -> step.timeChaos() != null || step.templateType().equals("Suspend"))) {
                TimeConstraint clock = TimeConstraint.none();
                Duration at = Duration.ZERO;
                Duration offset = Duration.ZERO;
                List<ClockJump> jumps = new ArrayList<>();
                for (int i = 0; i < steps.size(); i++) {
                    Template step = steps.get(i);
                    Duration stepOffset = step.timeChaos() == null ? Duration.ZERO
                            : GoDuration.parse(field + ".timeOffset", step.timeChaos().timeOffset());
                    if (i == 0 && step.timeChaos() != null) {
                        clock = clock.withSkew(stepOffset);
                    } else if (i > 0) {
                        jumps.add(ClockJump.once(at, stepOffset.minus(offset)));
                    }
                    offset = stepOffset;
                    at = at.plus(GoDuration.parse(field + ".deadline", step.deadline()));
                }
                time = clock.withJumps(jumps);
                return;
            }
            if (steps.stream().allMatch(step -> step.stressChaos() != null && step.stressChaos().stressors().cpu() == null
                    && step.stressChaos().stressors().memory() != null)) {
                leak(field, steps);
                return;
            }
            throw new ChaosMeshException(field, "the Serial template '" + name + "' mixes kinds; only steps of cpu"
                    + " stress (spikes, ramp), of memory stress (a leak) or of clock offsets (jumps) have a"
                    + " constraint-set form");
        }

        /**
         * A leak exported as a staircase: step k of n holds k/n of the growth from the end of step k-1,
         * so the growth is the last level (whole percent: sizes are whole MiB) and the time to reach it
         * is n steps of the first step's length (the last step runs to the end of the run). When the
         * run ended before the leak reached its ceiling, the last level is read as the ceiling.
         */
        private void leak(String field, List<Template> steps) {
            double last = 0;
            Duration reach = Duration.ZERO;
            for (int i = 0; i < steps.size(); i++) {
                StressChaosSpec.MemoryStressor stressor = steps.get(i).stressChaos().stressors().memory();
                String sizeField = field + ".stressors.memory.size";
                if (stressor.size() == null) {
                    throw new ChaosMeshException(sizeField, "missing: a stressor taking all free memory has no percent of"
                            + " the heap; give a size such as 512MiB");
                }
                double level = limits.memoryPercent(sizeField, stressor.size());
                if (level <= last) {
                    throw new ChaosMeshException(sizeField, "a leak's steps must each hold more than the one before,"
                            + " but step " + (i + 1) + " holds " + stressor.size());
                }
                last = level;
                Duration length = GoDuration.parse(field + ".deadline", steps.get(i).deadline());
                reach = reach.plus(i == steps.size() - 1 ? GoDuration.parse(field + ".deadline", steps.get(0).deadline())
                        : length);
            }
            leakGrowth = OptionalInt.of((int) Math.round(last));
            leakTime = Optional.of(reach);
        }

        Constraints set() {
            Constraints set = Constraints.named(name.orElseThrow());
            if (description.isPresent()) {
                set = set.withDescription(description.get());
            }
            if (cpu != null) {
                set = set.withCpu(cpu);
            }
            if (heap.isPresent() || leakGrowth.isPresent()) {
                MemoryConstraint memory = MemoryConstraint.none();
                if (heap.isPresent()) {
                    memory = memory.withHeap(heap.getAsInt());
                }
                if (leakGrowth.isPresent()) {
                    double seconds = leakTime.orElseThrow().toNanos() / 1e9;
                    double rate = BigDecimal.valueOf(leakGrowth.getAsInt() / seconds).setScale(3, RoundingMode.HALF_UP)
                            .doubleValue();
                    memory = memory.withLeakRate(rate).withCeiling(heap.orElse(0) + leakGrowth.getAsInt());
                }
                set = set.withMemory(memory);
            }
            if (network != null) {
                set = set.withNetwork(network);
            }
            if (disk != null) {
                set = set.withDisk(budget.isPresent() ? disk.withBudget(budget.getAsLong()) : disk);
            }
            if (concurrency != null) {
                set = set.withConcurrency(concurrency);
            }
            if (time != null) {
                set = set.withTime(time);
            }
            return set;
        }

        private static <T> T orNone(T value, T none) {
            return value == null ? none : value;
        }
    }

}
