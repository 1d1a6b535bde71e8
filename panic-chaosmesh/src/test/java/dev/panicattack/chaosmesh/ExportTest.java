package dev.panicattack.chaosmesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panicattack.chaosmesh.model.Manifest;
import dev.panicattack.chaosmesh.model.StressChaosSpec;
import dev.panicattack.chaosmesh.model.WorkflowSpec;
import dev.panicattack.constraint.ConcurrencyConstraint;
import dev.panicattack.constraint.Constraints;
import dev.panicattack.constraint.CpuConstraint;
import dev.panicattack.constraint.DiskConstraint;
import dev.panicattack.constraint.MemoryConstraint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportTest {

    @Test
    void cpuPercentBecomesOneWorkerPerCoreOfTheLimitAtTheScaledLoad() {
        Constraints set = Constraints.named("busy").withCpu(CpuConstraint.ofLoad(80));

        Manifest manifest = ChaosMeshExport.of(set, BuiltInSets.TARGET, ContainerLimits.of("500m", "")).manifests().get(0);

        StressChaosSpec spec = (StressChaosSpec) manifest.spec();
        assertThat(spec.stressors().cpu()).isEqualTo(new StressChaosSpec.CpuStressor(1, 40));
        assertThat(spec.duration()).isEqualTo("1m");
        assertThat(manifest.metadata().name()).isEqualTo("busy-cpu");
    }

    @Test
    void productionSpikeIsOneWorkflowWithTheDurationAsDeadlineAndNoDurationInsideTemplates() {
        List<Manifest> manifests = BuiltInSets.export("production-spike").manifests();

        assertThat(manifests).singleElement().extracting(Manifest::kind).isEqualTo("Workflow");
        WorkflowSpec workflow = (WorkflowSpec) manifests.get(0).spec();
        assertThat(workflow.templates().get(0).children())
                .containsExactly("cpu-spikes", "memory", "memory-leak", "network", "disk-fill");
        assertThat(workflow.templates()).allSatisfy(template -> {
            assertThat(template.deadline()).isNotNull();
            if (template.fault() != null) {
                assertThat(template.fault()).hasFieldOrPropertyWithValue("duration", null);
            }
        });
    }

    @Test
    void aLeakIsAStaircaseOfMemoryStressorsUpToItsCeilingHeldToTheEndWithoutTheRefusedTimeField() {
        // production-spike: 2%/s from 70% to 95% of a 2Gi limit: 25% (512MiB) reached after 12.5s, in tenths
        WorkflowSpec workflow = (WorkflowSpec) BuiltInSets.export("production-spike").manifests().get(0).spec();
        WorkflowSpec.Template leak = workflow.templates().stream()
                .filter(template -> template.name().equals("memory-leak")).findFirst().orElseThrow();
        List<WorkflowSpec.Template> steps = leak.children().stream().map(child -> workflow.templates().stream()
                .filter(template -> template.name().equals(child)).findFirst().orElseThrow()).toList();

        assertThat(leak.templateType()).isEqualTo("Serial");
        assertThat(steps).extracting(step -> step.stressChaos().stressors().memory().size()).containsExactly(
                "51MiB", "102MiB", "153MiB", "204MiB", "256MiB", "307MiB", "358MiB", "409MiB", "460MiB", "512MiB");
        assertThat(steps).extracting(step -> step.stressChaos().stressors().memory().time()).containsOnlyNulls();
        assertThat(steps.subList(0, 9)).extracting(WorkflowSpec.Template::deadline).containsOnly("1250ms");
        assertThat(steps.get(9).deadline()).isEqualTo("48750ms");
    }

    @Test
    void aKeyWithoutEquivalentIsRefusedNamingTheKeyAndTheFix() {
        Constraints set = Constraints.named("herd").withConcurrency(ConcurrencyConstraint.none().withParallel(16));

        assertThatThrownBy(() -> ChaosMeshExport.of(set, BuiltInSets.TARGET, BuiltInSets.LIMITS).manifests())
                .isInstanceOf(ChaosMeshException.class)
                .hasMessage("concurrency.parallel: has no Chaos Mesh equivalent: copies of a test body exist only in a"
                        + " test; drive the deployment with load instead; or export the rest of the set with"
                        + " omitting(\"concurrency.parallel\") (Maven: -Domit=concurrency.parallel)");
    }

    @Test
    void aMissingContainerLimitIsRefusedNamingTheKeyAndTheFix() {
        Constraints set = Constraints.named("heap").withMemory(MemoryConstraint.none().withHeap(80));

        assertThatThrownBy(() -> ChaosMeshExport.of(set, BuiltInSets.TARGET, ContainerLimits.of("2", "")).manifests())
                .isInstanceOf(ChaosMeshException.class)
                .hasMessage("memory.heap: converting percent of the heap into bytes needs the container's memory limit:"
                        + " give ContainerLimits.of(..., \"2Gi\") (Maven: -DmemoryLimit=2Gi)");
    }

    @Test
    void anEmptySelectorIsRefused() {
        assertThatThrownBy(() -> Target.of("shop", "app"))
                .hasMessage("selector: expected key=value pairs separated by commas, such as app=orders,tier=web, but"
                        + " found 'app' in 'app'");
        assertThatThrownBy(() -> Target.of("shop", "app=orders!"))
                .hasMessageStartingWith("selector: value 'orders!' must be at most 63 characters");
    }

    @Test
    void aDiskAxisNeedsTheVolumePath() {
        Constraints set = Constraints.named("slow-disk")
                .withDisk(new DiskConstraint(java.util.OptionalInt.empty(), java.util.Optional.of(java.time.Duration.ofMillis(5))));

        assertThatThrownBy(() -> ChaosMeshExport.of(set, Target.of("shop", "app=orders"), BuiltInSets.LIMITS).manifests())
                .hasMessageStartingWith("volumePath: the set's disk axis needs the mount path");
    }

    @Test
    void nothingIsWrittenWhenOneKeyIsRefused(@TempDir Path directory) throws IOException {
        Constraints set = BuiltInSets.load("noisy-neighbour");

        assertThatThrownBy(() -> ChaosMeshExport.of(set, BuiltInSets.TARGET, BuiltInSets.LIMITS).writeTo(directory))
                .hasMessageStartingWith("concurrency.commonPool: has no Chaos Mesh equivalent");
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void writesOneFilePerManifest(@TempDir Path directory) throws IOException {
        List<Path> files = BuiltInSets.export("noisy-neighbour").writeTo(directory);

        assertThat(files).extracting(file -> file.getFileName().toString())
                .containsExactly("stresschaos-noisy-neighbour-cpu.yaml", "jvmchaos-noisy-neighbour-contenders.yaml");
        assertThat(Files.readString(files.get(1))).contains("cpuCount: 4", "panic-attack.dev/omitted: concurrency.commonPool");
    }
}
