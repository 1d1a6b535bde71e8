package dev.panicattack.chaosmesh;

import dev.panicattack.chaosmesh.Fault.Step;
import dev.panicattack.chaosmesh.Fault.Steady;
import dev.panicattack.chaosmesh.Fault.Stepped;
import dev.panicattack.chaosmesh.model.Manifest;
import dev.panicattack.chaosmesh.model.Metadata;
import dev.panicattack.chaosmesh.model.WorkflowSpec;
import dev.panicattack.chaosmesh.model.WorkflowSpec.Template;
import dev.panicattack.constraint.ByteSizeText;
import dev.panicattack.constraint.Constraints;
import dev.panicattack.constraint.DurationText;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A constraint set exported as Chaos Mesh manifests for the pods of a {@link Target}, converted
 * through the container's {@link ContainerLimits}. Steady sets become one manifest per fault with
 * the run's {@code duration}; a set that changes over time (cpu spikes or ramp, clock jumps) becomes
 * one Workflow whose entry runs every fault in Parallel, the changing ones as Serial steps, with the
 * run's duration as deadline. Mapping, approximations and refusals: {@code docs/chaos-mesh.md}.
 *
 * <p>Immutable; {@link #manifests()} translates and validates on each call. Nothing is written unless
 * every manifest passes {@link ManifestValidator}.
 */
public final class ChaosMeshExport {

    /** How long the exported faults run unless {@link #lasting(Duration)} says otherwise. */
    public static final Duration DEFAULT_DURATION = Duration.ofMinutes(1);

    /** Annotation naming the constraint set a manifest was exported from. */
    public static final String SET_ANNOTATION = "panic-attack.dev/constraint-set";
    /** Annotation holding the set's description. */
    public static final String DESCRIPTION_ANNOTATION = "panic-attack.dev/description";
    /** Annotation holding the disk budget, which has no IOChaos field. */
    public static final String BUDGET_ANNOTATION = "panic-attack.dev/disk-budget";
    /** Annotation listing the keys omitted on request. */
    public static final String OMITTED_ANNOTATION = "panic-attack.dev/omitted";

    private final Constraints set;
    private final Target target;
    private final ContainerLimits limits;
    private final Duration duration;
    private final Set<String> omitted;
    private final ManifestValidator validator;

    private ChaosMeshExport(Constraints set, Target target, ContainerLimits limits, Duration duration,
            Set<String> omitted, ManifestValidator validator) {
        this.set = Objects.requireNonNull(set, "set");
        this.target = Objects.requireNonNull(target, "target");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.duration = Objects.requireNonNull(duration, "duration");
        this.omitted = Set.copyOf(omitted);
        this.validator = validator;
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new ChaosMeshException("duration", "must be at least 1s, but was " + DurationText.format(duration));
        }
        if (!LabelSyntax.isSubdomain(set.name().replace('+', '-'))) {
            throw new ChaosMeshException("name", "'" + set.name() + "' cannot name a Kubernetes object");
        }
        for (String key : omitted) {
            if (!SetTranslation.REFUSABLE.contains(key)) {
                throw new ChaosMeshException("omit", "'" + key + "' is not a key that can be omitted; these can: "
                        + String.join(", ", new TreeSet<>(SetTranslation.REFUSABLE)));
            }
        }
    }

    /** {@code set} for the pods of {@code target}, lasting {@link #DEFAULT_DURATION}. */
    public static ChaosMeshExport of(Constraints set, Target target, ContainerLimits limits) {
        return new ChaosMeshExport(set, target, limits, DEFAULT_DURATION, Set.of(), ManifestValidator.create());
    }

    /** This export running for {@code value}: each manifest's {@code duration}, or the Workflow's deadline. */
    public ChaosMeshExport lasting(Duration value) {
        return new ChaosMeshExport(set, target, limits, value, omitted, validator);
    }

    /**
     * This export checking each manifest with {@code value} instead of the schemas shipped in this module,
     * for example {@link ManifestValidator#fromCustomResourceDefinitions} with the cluster's own CRDs.
     */
    public ChaosMeshExport validatedBy(ManifestValidator value) {
        return new ChaosMeshExport(set, target, limits, duration, omitted, Objects.requireNonNull(value, "validator"));
    }

    /**
     * This export leaving out {@code keys} that have no Chaos Mesh equivalent (such as
     * {@code concurrency.parallel}), instead of refusing the set; they are listed in the
     * {@value #OMITTED_ANNOTATION} annotation and in {@link #notes()}.
     */
    public ChaosMeshExport omitting(String... keys) {
        Set<String> all = new LinkedHashSet<>(omitted);
        all.addAll(List.of(keys));
        return new ChaosMeshExport(set, target, limits, duration, all, validator);
    }

    /**
     * The typed manifests, each validated.
     *
     * @throws ChaosMeshException naming the key when the set cannot be exported, or the manifest and
     *                            field when a manifest would be rejected
     */
    public List<Manifest> manifests() {
        SetTranslation translation = new SetTranslation(set, target, limits, duration, omitted);
        List<Fault> faults = translation.faults();
        String base = set.name().replace('+', '-');
        List<Manifest> manifests = new ArrayList<>();
        if (faults.stream().anyMatch(Stepped.class::isInstance)) {
            manifests.add(Manifest.of(metadata(base), workflow(faults)));
        } else {
            for (Fault fault : faults) {
                Steady steady = (Steady) fault;
                manifests.add(Manifest.of(metadata(base + "-" + steady.name()),
                        steady.spec().withDuration(DurationText.format(duration))));
            }
        }
        ManifestYaml yaml = new ManifestYaml();
        for (Manifest manifest : manifests) {
            List<ManifestViolation> violations = validator.validate(yaml.tree(manifest));
            if (!violations.isEmpty()) {
                throw new ChaosMeshException(manifest.kind() + " " + manifest.metadata().name(), "would be rejected: "
                        + violations.stream().map(ManifestViolation::toString).collect(Collectors.joining("; ")));
            }
        }
        return List.copyOf(manifests);
    }

    /** What the export approximates or omitted, one line per key, such as {@code disk.fill: approximated: ...}. */
    public List<String> notes() {
        SetTranslation translation = new SetTranslation(set, target, limits, duration, omitted);
        translation.faults();
        return translation.notes();
    }

    /** All manifests as one YAML stream ({@code ---} between documents), ready for {@code kubectl apply -f -}. */
    public String yaml() {
        ManifestYaml yaml = new ManifestYaml();
        return manifests().stream().map(yaml::text).collect(Collectors.joining("---\n"));
    }

    /** Prints {@link #yaml()} to {@code out}. */
    public void writeTo(PrintStream out) {
        out.print(yaml());
        out.flush();
    }

    /**
     * Writes one file per manifest, {@code <kind>-<name>.yaml} (lower case), into {@code directory}
     * (created if needed), and returns their paths. Every manifest is validated and written to a
     * temporary file first; only then are the files moved into place, so a failure leaves no file.
     */
    public List<Path> writeTo(Path directory) {
        ManifestYaml yaml = new ManifestYaml();
        Map<Path, String> files = new LinkedHashMap<>();
        for (Manifest manifest : manifests()) {
            files.put(directory.resolve(manifest.kind().toLowerCase(java.util.Locale.ROOT) + "-"
                    + manifest.metadata().name() + ".yaml"), yaml.text(manifest));
        }
        List<Path> temporaries = new ArrayList<>();
        try {
            Files.createDirectories(directory);
            for (Map.Entry<Path, String> file : files.entrySet()) {
                Path temporary = Files.createTempFile(directory, ".panic-export-", ".tmp");
                temporaries.add(temporary);
                Files.writeString(temporary, file.getValue());
            }
            int i = 0;
            for (Path path : files.keySet()) {
                Files.move(temporaries.get(i++), path, StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            for (Path temporary : temporaries) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    e.addSuppressed(ignored);
                }
            }
            throw new UncheckedIOException("could not write the manifests into " + directory + ": " + e.getMessage(), e);
        }
        return List.copyOf(files.keySet());
    }

    private Metadata metadata(String name) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(SET_ANNOTATION, set.name());
        set.description().ifPresent(text -> annotations.put(DESCRIPTION_ANNOTATION, text));
        set.disk().ifPresent(disk -> {
            if (disk.fill().isPresent()) {
                disk.budget().ifPresent(budget -> annotations.put(BUDGET_ANNOTATION, ByteSizeText.format(budget)));
            }
        });
        if (!omitted.isEmpty()) {
            annotations.put(OMITTED_ANNOTATION, String.join(",", new TreeSet<>(omitted)));
        }
        return new Metadata(name, target.namespace(), annotations);
    }

    private WorkflowSpec workflow(List<Fault> faults) {
        String deadline = DurationText.format(duration);
        List<Template> templates = new ArrayList<>();
        List<String> children = new ArrayList<>();
        for (Fault fault : faults) {
            children.add(fault.name());
            if (fault instanceof Steady steady) {
                templates.add(Template.fault(steady.name(), steady.spec(), deadline));
            } else {
                Stepped stepped = (Stepped) fault;
                List<String> steps = new ArrayList<>();
                for (int i = 0; i < stepped.steps().size(); i++) {
                    Step step = stepped.steps().get(i);
                    String name = stepped.name() + "-" + i;
                    steps.add(name);
                    String length = DurationText.format(step.length());
                    templates.add(step.fault().map(spec -> Template.fault(name, spec, length))
                            .orElseGet(() -> Template.suspend(name, length)));
                }
                templates.add(Template.group(stepped.name(), "Serial", deadline, steps));
            }
        }
        templates.add(0, Template.group("entry", "Parallel", deadline, children));
        return new WorkflowSpec("entry", templates);
    }
}
