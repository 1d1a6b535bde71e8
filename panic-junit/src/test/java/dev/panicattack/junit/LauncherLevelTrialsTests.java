package dev.panicattack.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import dev.panicattack.breakingpoint.BreakingAxis;
import dev.panicattack.breakingpoint.BreakingPointResult;
import dev.panicattack.breakingpoint.BreakingPointSearch;
import dev.panicattack.breakingpoint.Level;
import dev.panicattack.breakingpoint.SearchSettings;
import dev.panicattack.breakingpoint.TrialOutcome;

/**
 * Trials of one selected test: a selection that matches no single plain test is refused before any
 * trial; a {@code jvm.maxHeap} level is the forked JVM's heap, and a search over it bisects down to the
 * smallest heap that holds the test's live data; a forked trial interrupted, or still
 * running at the deadline, leaves no process behind, neither the JVM nor what it started.
 */
class LauncherLevelTrialsTests {

    /** Far above a forked trial's JVM start and run on a loaded 2-core machine. */
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    /** A handful of forked trials on a loaded 2-core machine. */
    private static final Duration SEARCH_PATIENCE = Duration.ofMinutes(3);
    private static final String LONG_STALL_WINDOW = "1h";

    @Test
    void aMethodThatIsNotThereMatchesNoTest() {
        assertThatThrownBy(() -> LauncherLevelTrials.of(TestSelection.parse(HeldHeapTestCases.class.getName() + "#absent"),
                Map.of(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the test " + HeldHeapTestCases.class.getName() + "#absent matches no test: no test method"
                        + " named absent in " + HeldHeapTestCases.class.getName() + "; select a @Test method as Class#method");
    }

    @Test
    void aSimpleNameOfTwoClassesMatchesSeveralTests() {
        assertThatThrownBy(() -> LauncherLevelTrials.of(TestSelection.parse("TwinTestCases#run"), Map.of(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the test TwinTestCases#run matches 2 tests (")
                .hasMessageEndingWith("); select one, with the fully qualified class name (nested classes as Outer$Inner)");
    }

    @Test
    void aTestTemplateIsNoSingleTest() {
        assertThatThrownBy(() -> LauncherLevelTrials.of(TestSelection.parse(RepeatedTestCases.class.getName() + "#run"),
                Map.of(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the test " + RepeatedTestCases.class.getName() + "#run is a test template or factory (")
                .hasMessageEndingWith("), whose invocations are several tests; select a plain @Test method");
    }

    @Test
    void aClassThatIsNotThereIsNamed() {
        assertThatThrownBy(() -> LauncherLevelTrials.of(TestSelection.parse("com.example.Absent#run"), Map.of(),
                Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the test com.example.Absent#run names no class on the test class path; check the class"
                        + " name (nested classes are Outer$Inner) and that the test classes are compiled");
    }

    @Test
    void aMaxHeapLevelIsTheForkedJvmsHeap() throws InterruptedException {
        LauncherLevelTrials trials = LauncherLevelTrials.of(TestSelection.parse(HeldHeapTestCases.class.getName() + "#holds"),
                Map.of(PanicConfiguration.FLIGHT_RECORDER_PROPERTY_NAME, "false"), Optional.of(Instant.now().plus(PATIENCE)));

        TrialOutcome small = trials.run(new Level(BreakingAxis.JVM_MAX_HEAP, 48));
        TrialOutcome large = trials.run(new Level(BreakingAxis.JVM_MAX_HEAP, 512));

        assertThat(small.passed()).as("%s", small).isFalse();
        assertThat(small.cause()).isPresent();
        assertThat(large.passed()).as("%s", large).isTrue();
    }

    @Test
    void aMaxHeapSearchOfForkedTrialsFindsTheSmallestHeapThatHoldsTheTestsLiveData() {
        LauncherLevelTrials trials = LauncherLevelTrials.of(TestSelection.parse(HeldHeapTestCases.class.getName() + "#holds"),
                Map.of(PanicConfiguration.FLIGHT_RECORDER_PROPERTY_NAME, "false"),
                Optional.of(Instant.now().plus(SEARCH_PATIENCE)));
        // a deterministic fixture: one trial decides a level, so the search stays within a handful of JVM starts
        SearchSettings settings = SearchSettings.builder(BreakingAxis.JVM_MAX_HEAP, 64, 256).resolution(16)
                .passingFailureRate(0.05).breakingFailureRate(0.9).confidence(0.5).maxRepeats(1)
                .wallBudget(SEARCH_PATIENCE).build();
        List<Double> tried = new ArrayList<>();

        BreakingPointResult result = BreakingPointSearch.of(settings).run(level -> {
            tried.add(level.value());
            return trials.run(level);
        });

        assertThat(result.status()).as("%s%n%s", result.summary(), result.levelTable())
                .isEqualTo(BreakingPointResult.Status.FOUND);
        assertThat(tried.subList(0, 2)).as("the passing end first, then the breaking end").containsExactly(256.0, 64.0);
        double low = result.low().orElseThrow().value();
        double high = result.high().orElseThrow().value();
        // 96 MiB live: no heap of 96 MiB or less holds it, 256 MiB does
        assertThat(high).as("smallest heap decided passing").isGreaterThan(96).isLessThanOrEqualTo(low + 16);
        assertThat(result.cause().orElseThrow().level().value()).isEqualTo(low);
        assertThat(result.headline()).startsWith("breaking point: max heap ")
                .contains(" (" + (long) low + "-" + (long) high + ", ").contains("; at " + (long) low + " MiB: ");
    }

    @Test
    void anInterruptedForkedTrialLeavesNoProcessBehind() throws Exception {
        LauncherLevelTrials trials = LauncherLevelTrials.of(TestSelection.parse(SpawningTestCases.class.getName() + "#waits"),
                Map.of(PanicConfiguration.FLIGHT_RECORDER_PROPERTY_NAME, "false",
                        PanicConfiguration.STALL_WINDOW_PROPERTY_NAME, LONG_STALL_WINDOW), Optional.empty());
        CompletableFuture<Thread> runner = new CompletableFuture<>();
        CompletableFuture<Object> ended = CompletableFuture.supplyAsync(() -> {
            runner.complete(Thread.currentThread());
            try {
                return trials.run(new Level(BreakingAxis.MEMORY_LEAK_RATE, 0));
            } catch (InterruptedException e) {
                return e;
            }
        });

        List<ProcessHandle> started = awaitSleepingGrandchild();
        runner.get().interrupt();

        assertThat(ended.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        assertThat(started).isNotEmpty().noneMatch(ProcessHandle::isAlive);
        assertThat(trialProcesses()).isEmpty();
    }

    @Test
    void aForkedTrialStillRunningAtTheDeadlineIsStoppedWithItsProcesses() {
        LauncherLevelTrials trials = LauncherLevelTrials.of(TestSelection.parse(SpawningTestCases.class.getName() + "#waits"),
                Map.of(PanicConfiguration.FLIGHT_RECORDER_PROPERTY_NAME, "false",
                        PanicConfiguration.STALL_WINDOW_PROPERTY_NAME, LONG_STALL_WINDOW),
                Optional.of(Instant.now().plusSeconds(15)));

        assertThatThrownBy(() -> trials.run(new Level(BreakingAxis.MEMORY_LEAK_RATE, 0)))
                .isInstanceOf(ForkedTrial.DeadlinePassed.class)
                .hasMessage("the wall-time budget ended during the forked trial at leak rate 0%/s");
        assertThat(trials.deadlinePassed()).isTrue();
        assertThat(trialProcesses()).isEmpty();
    }

    /** The forked JVM and the {@code sleep} it started, once both run. */
    private static List<ProcessHandle> awaitSleepingGrandchild() throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            List<ProcessHandle> trial = trialProcesses();
            if (trial.stream().anyMatch(process -> command(process).startsWith("sleep") || command(process).contains("/sleep"))) {
                return trial;
            }
            new CountDownLatch(1).await(50, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("the forked trial did not start its sleep within " + PATIENCE + "; processes: "
                + trialProcesses().stream().map(LauncherLevelTrialsTests::command).toList());
    }

    /** This JVM's descendants that a forked trial started: its JVM and what that started. */
    private static List<ProcessHandle> trialProcesses() {
        List<ProcessHandle> found = new ArrayList<>();
        for (ProcessHandle child : ProcessHandle.current().children().toList()) {
            if (command(child).contains(BreakingPointTrialMain.class.getName())) {
                found.add(child);
                found.addAll(child.descendants().toList());
            }
        }
        return found;
    }

    private static String command(ProcessHandle process) {
        ProcessHandle.Info info = process.info();
        return info.command().orElse("") + " " + String.join(" ", info.arguments().orElse(new String[0]));
    }

    static class HeldHeapTestCases {
        @Test
        void holds() {
            // 96 MiB live at once: more than a 48 MiB heap can hold, far less than 512 MiB.
            byte[][] held = new byte[96][];
            for (int i = 0; i < held.length; i++) {
                held[i] = new byte[1024 * 1024];
            }
            assertThat(held[95]).hasSize(1024 * 1024);
        }
    }

    static class SpawningTestCases {
        @Test
        void waits() throws Exception {
            new ProcessBuilder("sleep", "600").start();
            new CountDownLatch(1).await();
        }
    }

    static class RepeatedTestCases {
        @RepeatedTest(2)
        void run() {
        }
    }

    static class TwinTestCases {
        @Test
        void run() {
        }
    }

    static class Twins {
        static class TwinTestCases {
            @Test
            void run() {
            }
        }
    }
}
