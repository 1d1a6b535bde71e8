package dev.panicattack.bench;

import dev.panicattack.chaosmesh.ChaosMeshExport;
import dev.panicattack.chaosmesh.ContainerLimits;
import dev.panicattack.chaosmesh.ManifestValidator;
import dev.panicattack.chaosmesh.ManifestViolation;
import dev.panicattack.chaosmesh.Target;
import dev.panicattack.constraint.ConstraintSetLibrary;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code chaos-export}: every built-in set exported to Chaos Mesh (target {@code shop}/{@code app=orders},
 * volume {@code /data}, limits 2 cores and 2Gi; the keys without equivalent omitted), each manifest's
 * YAML read back and validated on its own; then the broken-manifest corpus of panic-chaosmesh, each
 * counted as rejected only when a violation names the field its first line gives. Time per set covers
 * translation, validation and YAML writing.
 */
final class ChaosExportBenchmark implements Benchmark {

    private static final Path CORPUS = Path.of("panic-chaosmesh/src/test/resources/broken");
    private static final String PREFIX = "# rejected at: ";
    private static final Map<String, List<String>> OMITTED = Map.of(
            "thundering-herd", List.of("concurrency.parallel", "concurrency.noise"),
            "noisy-neighbour", List.of("concurrency.commonPool"));

    @Override
    public String name() {
        return "chaos-export";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        ConstraintSetLibrary library = ConstraintSetLibrary.fromClassLoader(getClass().getClassLoader());
        ManifestValidator validator = ManifestValidator.create();
        YAMLMapper yaml = YAMLMapper.builder().build();
        Target target = Target.of("shop", "app=orders").withVolumePath("/data");
        ContainerLimits limits = ContainerLimits.of("2", "2Gi");
        List<String> names = library.availableNames();
        int manifests = 0;
        int valid = 0;
        long started = System.nanoTime();
        for (String name : names) {
            ChaosMeshExport export = ChaosMeshExport.of(library.load(name), target, limits)
                    .omitting(OMITTED.getOrDefault(name, List.of()).toArray(String[]::new));
            for (String document : export.yaml().split("(?m)^---$")) {
                manifests++;
                if (validator.validate(yaml.readTree(document)).isEmpty()) {
                    valid++;
                }
            }
        }
        double msPerSet = (System.nanoTime() - started) / 1e6 / names.size();
        int rejected = 0;
        int corpus = 0;
        try (Stream<Path> files = Files.list(CORPUS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                corpus++;
                String text = Files.readString(file);
                String field = text.lines().findFirst().orElseThrow().substring(PREFIX.length());
                List<ManifestViolation> violations = validator.validate(yaml.readTree(text));
                boolean named = violations.stream().anyMatch(v -> v.field().equals(field) || v.field().startsWith(field + "["));
                if (named) {
                    rejected++;
                } else {
                    out.println("not rejected at " + field + ": " + file.getFileName() + " " + violations);
                }
            }
        }
        out.printf("RESULT chaos-export sets=%d manifests=%d valid=%d rejected_invalid=%d of=%d ms_per_set=%.1f%n",
                names.size(), manifests, valid, rejected, corpus, msPerSet);
    }
}
