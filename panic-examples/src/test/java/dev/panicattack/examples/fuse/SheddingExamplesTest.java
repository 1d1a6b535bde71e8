package dev.panicattack.examples.fuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.panicattack.pressure.PressurePlan;
import dev.panicattack.pressure.memory.HeapPlan;
import dev.panicattack.shedding.SheddingCheck;
import dev.panicattack.shedding.SheddingOrderError;
import dev.panicattack.shedding.SheddingPlan;
import dev.panicattack.shedding.SheddingYaml;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The examples of docs/priority-shedding.md: a media service whose shedding order is verified under
 * a real heap leak, and a misconfigured one whose wrong order is caught (run through the engine, so
 * the build stays green while the demo fails for real).
 */
class SheddingExamplesTest {

    /**
     * Heap from 30% of the maximum, leaking 20% of it per second, up to 85%: the ceiling is reached
     * at 2.75 s, and the checks hold it for 5 s so that a ballast lagging on a loaded machine still
     * passes every component's threshold while pressure holds.
     */
    static final PressurePlan LEAK = PressurePlan.of("leak", new HeapPlan(OptionalDouble.of(30), 20, 85));

    static SheddingPlan plan(MediaService service) throws IOException {
        try (InputStream yaml = SheddingExamplesTest.class.getResourceAsStream("/shedding/media-service.yaml")) {
            SheddingPlan.Builder plan = SheddingYaml.read("shedding/media-service.yaml", yaml)
                    .shedding("database", () -> false).latencyProbe("database", () -> service.user("user-1"))
                    .shedding("api-server", () -> false);
            for (String component : new String[] {"logging", "analytics", "cache", "preview-generator"}) {
                plan.shedding(component, () -> service.isShedding(component));
            }
            return plan.build();
        }
    }

    // tag::orderly[]
    @Test
    void optionalWorkIsShedInPriorityOrderAndResumes() throws IOException {
        System.gc(); // start from a collected heap, so the levels the service sees are the leak's
        MediaService service = MediaService.configured();

        SheddingCheck.of(plan(service)).run(LEAK, Duration.ofSeconds(5)).assertOrderly();
    }
    // end::orderly[]

    @Test
    void theMisconfiguredServiceIsCaught() {
        Throwable failure = EngineTestKit.engine("junit-jupiter").selectors(selectClass(MisconfiguredTest.class))
                .execute().testEvents().failed().stream()
                .map(event -> event.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow())
                .findFirst().orElseThrow();

        assertThat(failure).isInstanceOf(SheddingOrderError.class)
                .hasMessageStartingWith("media-service: shedding under heap 30% +20%/s up to 85% broke 2 rules:\n"
                        + "- 'logging' (priority 2) started shedding at ")
                .hasMessageContaining("before 'cache' (priority 3) at ")
                .hasMessageContaining("before 'preview-generator' (priority 3) at ")
                .hasMessageContaining("\nobserved order (sampled every 50ms, pressure lifted at ")
                .hasMessageContaining("\n  logging (priority 2): started shedding at ");
    }

    // tag::misconfigured[]
    static class MisconfiguredTest {

        @Test
        void loggingIsShedBeforeTheCache() throws IOException {
            System.gc();
            MediaService service = new MediaService(MediaService::heapUsedPercent, Map.of(
                    "logging", new MediaService.Optional(40), // the bug: logging goes before cache and previews
                    "cache", new MediaService.Optional(50), "preview-generator", new MediaService.Optional(55),
                    "analytics", new MediaService.Optional(65)));

            SheddingCheck.of(plan(service)).run(LEAK, Duration.ofSeconds(5)).assertOrderly();
        }
    }
    // end::misconfigured[]
}
