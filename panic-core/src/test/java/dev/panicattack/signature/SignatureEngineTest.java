package dev.panicattack.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.panicattack.evidence.Fact;

/** The built-in pattern library on hand-made evidence: what each rule needs, and what it must not conclude. */
class SignatureEngineTest {

    private final SignatureEngine engine = SignatureEngine.withPatternLibrary(getClass().getClassLoader())
            .withCalibration(Calibration.none());

    @Test
    void lockCycleOfTwoTestThreadsIsADeadlockWithBothLocksInTheProof() {
        List<Signature> signatures = engine.diagnose(List.of(
                Fact.of("first_test_thread_id", 40),
                Fact.of("thread", 41, "worker-1", "false"), Fact.of("thread", 42, "worker-2", "false"),
                Fact.of("thread_blocked_on", 1200, 41, "Account@3f2a", 42),
                Fact.of("thread_blocked_on", 1200, 42, "Account@7c11", 41),
                Fact.of("deadlocked", 1200, 41), Fact.of("deadlocked", 1200, 42),
                Fact.of("hang", 1200, "deadlock")));

        assertThat(signatures).extracting(Signature::bugClass).containsExactly(BugClass.DEADLOCK);
        Signature deadlock = signatures.get(0);
        // the lock cycle (0.8) and the JVM's own detector over that cycle (0.9): two lines of reasoning
        assertThat(deadlock.confidence()).isEqualTo(1 - 0.2 * 0.1, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(deadlock.proofs().get(0)).contains("Account@3f2a").contains("Account@7c11").contains("worker-");
    }

    @Test
    void threadsThatExistedBeforeTheTestAreNotItsDeadlock() {
        List<Signature> signatures = engine.diagnose(List.of(
                Fact.of("first_test_thread_id", 100),
                Fact.of("thread", 41, "old-1", "false"), Fact.of("thread", 42, "old-2", "false"),
                Fact.of("thread_blocked_on", 1200, 41, "A@1", 42), Fact.of("thread_blocked_on", 1200, 42, "B@2", 41),
                Fact.of("deadlocked", 1200, 41), Fact.of("deadlocked", 1200, 42),
                Fact.of("test_failed", 1300, "java.lang.AssertionError"),
                Fact.of("failure_is", 0, "java.lang.AssertionError")));

        assertThat(signatures).isEmpty();
    }

    @Test
    void stackOverflowRethrownAsAnotherTypeIsStillRecursion() {
        List<Signature> signatures = engine.diagnose(List.of(
                Fact.of("test_failed", 10, "java.lang.IllegalStateException"),
                Fact.of("failure_is", 0, "java.lang.IllegalStateException"),
                Fact.of("failure_is", 1, "java.lang.StackOverflowError"),
                Fact.of("failure_repeated_frame", 1, "com.example.Tree.depth", 1021)));

        assertThat(signatures).singleElement().satisfies(signature -> {
            assertThat(signature.bugClass()).isEqualTo(BugClass.UNBOUNDED_RECURSION);
            // two independent proofs: the error's type, and the frame recurring 1021 times
            assertThat(signature.confidence()).isEqualTo(1 - (1 - 0.8) * (1 - 0.9), org.assertj.core.data.Offset.offset(1e-9));
        });
    }

    @Test
    void theSamePatternSeenAgainCountsOnceButADifferentLineOfReasoningAdds() {
        List<Fact> oneThread = List.of(Fact.of("first_test_thread_id", 40), Fact.of("thread", 41, "w", "false"),
                Fact.of("hang", 900, "stall"), Fact.of("stall_window", 500), Fact.of("no_progress", 900, 41, 600));
        List<Fact> twoThreads = new java.util.ArrayList<>(oneThread);
        twoThreads.addAll(List.of(Fact.of("thread", 43, "v", "false"), Fact.of("no_progress", 900, 43, 600)));

        assertThat(engine.diagnose(oneThread).get(0).confidence()).isEqualTo(0.9, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(engine.diagnose(twoThreads).get(0).confidence()).isEqualTo(0.9, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(engine.diagnose(twoThreads).get(0).proofs()).hasSize(1);
    }

    @Test
    void growthThatDoesNotSurviveTheFailureIsABurstAndGrowthThatDoesIsALeak() {
        List<Fact> growingUntilOutOfMemory = List.of(
                Fact.of("heap_max", 0, 1_000_000_000L), Fact.of("retained_heap", 100, 20_000_000L),
                Fact.of("retained_heap_trend", 300_000_000.0, 99.0, 6L, 600_000_000L),
                Fact.of("test_failed", 2000, "java.lang.OutOfMemoryError"),
                Fact.of("failure_is", 0, "java.lang.OutOfMemoryError"));
        List<Fact> burst = new java.util.ArrayList<>(growingUntilOutOfMemory);
        burst.add(Fact.of("heap_after_failure", 2100, 30_000_000L));
        List<Fact> leak = new java.util.ArrayList<>(growingUntilOutOfMemory);
        leak.add(Fact.of("heap_after_failure", 2100, 590_000_000L));

        assertThat(engine.diagnose(burst)).extracting(Signature::bugClass).containsExactly(BugClass.HEAP_EXHAUSTION);
        assertThat(engine.diagnose(leak)).extracting(Signature::bugClass).containsExactly(BugClass.MEMORY_LEAK);
    }

    @Test
    void userRulesAreFoundInAJarWithoutAnIndex(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("rules.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("panic/"));
            out.putNextEntry(new JarEntry("panic/rules/"));
            out.putNextEntry(new JarEntry("panic/rules/mine.dl"));
            write(out, "mine(X) :- probe_subject(X).\n");
            out.putNextEntry(new JarEntry("panic/rules/notes.txt"));
            write(out, "not a rule\n");
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThat(SignatureEngine.UserRuleFile.findAll(loader)).containsExactly(
                    new SignatureEngine.UserRuleFile("panic/rules/mine.dl", "mine(X) :- probe_subject(X).\n"));
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }
}
