package dev.panicattack.junit.exhaustion;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.panicattack.junit.UnderPressure;
import dev.panicattack.pressure.memory.BallastLimit;

/**
 * In a JVM started without {@code -Xmx}, heap pressure holds at most the ballast limit, the test's
 * summary says so beside the unchanged target, and the run ends with one warning naming the fix.
 */
class UnsizedHeapTests {

    private static final Duration CHILD_LIMIT = Duration.ofSeconds(120);

    @TempDir
    static Path directory;

    @Test
    void withoutXmxTheBallastIsLimitedAndTheRunWarnsOnce() throws Exception {
        ChildJvm.Run run = ChildJvm.start(directory, "no-xmx", List.of("-XX:+UseG1GC",
                "-D" + BallastLimit.LIMIT_PROPERTY_NAME + "=32m"), Optional.empty(), UnsizedHeapTestCases.class)
                .await(CHILD_LIMIT);

        assertThat(run.endedNormally()).as("%s", run).isTrue();
        assertThat(run.test("UnsizedHeapTestCases#holdsAFifthOfTheHeap").status()).isEqualTo("SUCCESSFUL");
        assertThat(run.test("UnsizedHeapTestCases#holdsAFifthOfTheHeapAgain").status()).isEqualTo("SUCCESSFUL");
        List<String> summaries = run.out().stream().filter(line -> line.startsWith("entry\t")
                && line.contains("\tpanic.pressure\t")).toList();
        assertThat(summaries).hasSize(2).allSatisfy(line -> assertThat(line)
                .contains("\theap 20% | heap target 20% achieved ")
                .contains(", ballast limited to 32 MiB (no -Xmx))"));
        assertThat(run.err().lines().filter(line -> line.startsWith("panic-attack: "))).containsExactly(
                BallastLimit.warning(2));
    }

    static class UnsizedHeapTestCases {

        @Test
        @UnderPressure(memory = 20)
        void holdsAFifthOfTheHeap() {
        }

        @Test
        @UnderPressure(memory = 20)
        void holdsAFifthOfTheHeapAgain() {
        }
    }
}
