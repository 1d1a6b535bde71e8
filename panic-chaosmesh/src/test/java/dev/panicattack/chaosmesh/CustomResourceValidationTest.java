package dev.panicattack.chaosmesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panicattack.chaosmesh.model.Manifest;
import dev.panicattack.constraint.Constraints;
import dev.panicattack.constraint.CpuConstraint;
import dev.panicattack.constraint.NetworkConstraint;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Validation against a cluster's own CRDs instead of the shipped schemas. */
class CustomResourceValidationTest {

    private static final Path CRDS = resource("crds/stress-and-network.yaml");
    private static final ManifestValidator VALIDATOR = ManifestValidator.fromCustomResourceDefinitions(List.of(CRDS));
    private static final Constraints BUSY = Constraints.named("busy").withCpu(CpuConstraint.ofLoad(80));
    private static final Constraints SLOW = Constraints.named("slow")
            .withNetwork(NetworkConstraint.none().withLatency(Duration.ofMillis(50)).withLoss(1));

    @Test
    void exportsThatTheShippedSchemasAdmitTheClustersCrdsAdmitToo() {
        for (Constraints set : List.of(BUSY, SLOW)) {
            ChaosMeshExport shipped = ChaosMeshExport.of(set, BuiltInSets.TARGET, BuiltInSets.LIMITS);

            assertThat(shipped.validatedBy(VALIDATOR).yaml()).isEqualTo(shipped.yaml());
        }
    }

    @Test
    void aFieldTheCrdDoesNotDeclareIsRejectedNamingIt() {
        ObjectNode manifest = tree(BUSY);
        ((ObjectNode) manifest.get("spec").get("stressors").get("cpu")).put("cores", 2);

        assertThat(VALIDATOR.validate(manifest)).extracting(ManifestViolation::field)
                .containsExactly("spec.stressors.cpu.cores");
    }

    @Test
    void kubernetesExtensionsMeanWhatTheApiServerMakesOfThem() {
        ObjectNode manifest = tree(SLOW);
        ObjectNode spec = (ObjectNode) manifest.get("spec");
        manifest.putObject("status").put("anything", "kept: preserve-unknown-fields");
        spec.putNull("duration");
        spec.put("port", 8080);
        assertThat(VALIDATOR.validate(manifest)).isEmpty();

        spec.put("port", "http");
        assertThat(VALIDATOR.validate(manifest)).isEmpty();

        spec.put("port", true);
        assertThat(VALIDATOR.validate(manifest)).extracting(ManifestViolation::field).containsExactly("spec.port");
    }

    @Test
    void theAdmissionRulesStillApply() {
        ObjectNode manifest = tree(BUSY);
        ((ObjectNode) manifest.get("spec")).put("duration", "ten seconds");

        assertThat(VALIDATOR.validate(manifest)).extracting(ManifestViolation::field).containsExactly("spec.duration");
    }

    @Test
    void aKindTheCrdsDoNotDefineIsRefusedNamingTheKindAndTheFiles() {
        ChaosMeshExport export = BuiltInSets.export("production-spike").validatedBy(VALIDATOR);

        assertThatThrownBy(export::manifests).isInstanceOf(ChaosMeshException.class)
                .hasMessage("Workflow production-spike: would be rejected: kind: expected one of StressChaos, NetworkChaos"
                        + " in the CRDs of [" + CRDS + "], but was 'Workflow'");
    }

    @Test
    void filesThatAreNotChaosMeshCrdsAreRefusedBeforeAnyExport() {
        Path missing = CRDS.resolveSibling("absent.yaml");
        Path other = resource("crds/no-chaos-kinds.yaml");

        assertThatThrownBy(() -> ManifestValidator.fromCustomResourceDefinitions(List.of(missing)))
                .isInstanceOf(ChaosMeshException.class)
                .hasMessageStartingWith("crds: cannot read " + missing + " (")
                .hasMessageEndingWith("); export the cluster's CRDs with kubectl get crd -o yaml > crds.yaml and point at"
                        + " that file");
        assertThatThrownBy(() -> ManifestValidator.fromCustomResourceDefinitions(List.of(other)))
                .isInstanceOf(ChaosMeshException.class)
                .hasMessage("crds: " + other + " defines none of the Chaos Mesh kinds StressChaos, NetworkChaos, IOChaos,"
                        + " TimeChaos, JVMChaos, Workflow; point at the output of kubectl get crd -o yaml for the"
                        + " chaos-mesh.org CRDs");
        assertThatThrownBy(() -> ManifestValidator.fromCustomResourceDefinitions(List.of()))
                .isInstanceOf(ChaosMeshException.class)
                .hasMessage("crds: no file given; export the cluster's CRDs with kubectl get crd -o yaml > crds.yaml and"
                        + " point at that file");
    }

    private static ObjectNode tree(Constraints set) {
        Manifest manifest = ChaosMeshExport.of(set, BuiltInSets.TARGET, BuiltInSets.LIMITS).manifests().get(0);
        JsonNode tree = new ManifestYaml().tree(manifest);
        return (ObjectNode) tree;
    }

    private static Path resource(String name) {
        try {
            return Path.of(CustomResourceValidationTest.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
