package dev.panicattack.examples.probes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;

import dev.panicattack.junit.Diagnose;
import dev.panicattack.junit.PanicSignatureError;
import dev.panicattack.signature.BugClass;

/**
 * The examples of docs/probes.md. They fail for real; this test runs them through the engine and
 * asserts how, so the build stays green while the demo still fails.
 */
class ProbeExamplesTest {

    @Test
    void aStreamLeftOpenOnOnePathIsAResourceLeakNamingWhereItWasOpened() {
        PanicSignatureError error = (PanicSignatureError) failureOf(LineCounterTest.class);

        assertThat(error.bugClass()).isEqualTo(BugClass.RESOURCE_LEAK);
        assertThat(error.getMessage().lines().findFirst().orElseThrow())
                .isEqualTo("panic: RESOURCE_LEAK (confidence 0.70) under no pressure");
        assertThat(error.getMessage()).contains("resource_unclosed").contains("java.io.FileInputStream")
                .contains("dev.panicattack.examples.probes.LineCounter.lines(LineCounter.java:26)");
    }

    @Test
    void recursionThousandsDeepIsUnboundedRecursionBeforeTheStackOverflows() {
        PanicSignatureError error = (PanicSignatureError) failureOf(CategoryTreeTest.class);

        assertThat(error.bugClass()).isEqualTo(BugClass.UNBOUNDED_RECURSION);
        assertThat(error.getMessage().lines().findFirst().orElseThrow())
                .isEqualTo("panic: UNBOUNDED_RECURSION (confidence 0.85) under no pressure");
        assertThat(error.getMessage()).contains("probe_depth").contains("dev.panicattack.examples.probes.CategoryTree.depthOf");
    }

    @Test
    void thisModuleRunsWithTheDocumentedAgentSetUp() {
        // panic-examples/pom.xml applies the snippet of docs/probes.md: the agent comes from -javaagent.
        assertThat(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments())
                .anyMatch(argument -> argument.startsWith("-javaagent:") && argument.contains("byte-buddy-agent"));
    }

    private static Throwable failureOf(Class<?> example) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter("panic.diagnose.flightRecorder", "false")
                .selectors(selectClass(example)).execute().testEvents().failed().stream()
                .map(event -> event.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow())
                .findFirst().orElseThrow();
    }

    // tag::leak[]
    static class LineCounterTest {

        @Test
        @Diagnose(subject = "dev.panicattack.examples.probes.LineCounter", failOn = BugClass.RESOURCE_LEAK)
        void countsTheLinesOfEveryFile(@TempDir Path directory) throws IOException {
            List<Path> files = new ArrayList<>();
            files.add(Files.writeString(directory.resolve("a.txt"), "one\ntwo\n"));
            files.add(Files.writeString(directory.resolve("empty.txt"), ""));

            assertThat(LineCounter.countLines(files)).isEqualTo(2); // passes: only the probes see the leak
        }
    }
    // end::leak[]

    // tag::recursion[]
    static class CategoryTreeTest {

        @Test
        @Diagnose(subject = "dev.panicattack.examples.probes", failOn = BugClass.UNBOUNDED_RECURSION)
        void findsTheDepthOfAnImportedChain() {
            CategoryTree tree = new CategoryTree();
            for (int i = 1; i <= 3000; i++) {
                tree.add("c" + i, "c" + (i - 1)); // each imported row nests under the previous one
            }

            assertThat(tree.depthOf("c3000")).isEqualTo(3000); // passes, 3000 frames deep
        }
    }
    // end::recursion[]
}
