package dev.panicattack.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.panicattack.breakingpoint.BreakingAxis;
import dev.panicattack.breakingpoint.Level;
import dev.panicattack.breakingpoint.TrialOutcome;

/**
 * One trial in a JVM of its own ({@link BreakingPointTrialMain}), with this JVM's java, class path and
 * options, except its heap size and debugger: a {@code jvm.maxHeap} level is the child's
 * {@code -Xmx<level>m}. The child and every process it started are destroyed when the trial is
 * interrupted or the deadline passes, and on every other way out, so a stopped search leaves nothing
 * running. A child that ends without an outcome (it could not start with that heap, or the JVM died)
 * failed the trial, with the end of its output as proof.
 */
final class ForkedTrial {

    /** Heap sizing, left out when the level is the heap size (an inherited -Xms above it would stop the JVM). */
    private static final List<String> HEAP_OPTIONS = List.of("-Xmx", "-Xms", "-XX:MaxHeapSize", "-XX:InitialHeapSize",
            "-XX:MaxRAM", "-XX:MinRAMPercentage", "-XX:InitialRAMPercentage");
    /** A debugger agent would bind the parent's port a second time. */
    private static final List<String> DEBUG_OPTIONS = List.of("-agentlib:jdwp", "-Xdebug", "-Xrunjdwp");
    /** What the library needs in any JVM it runs tests in (the build's panic.argLine gives the same). */
    private static final List<String> REQUIRED = List.of("-XX:+EnableDynamicAgentLoading",
            "-Djdk.attach.allowAttachSelf=true", "-Dnet.bytebuddy.safe=true");
    private static final int PROOF_LINES = 5;

    private ForkedTrial() {
    }

    /** Thrown when the deadline passed during a trial: the child was destroyed, and the search ends undecided. */
    static final class DeadlinePassed extends InterruptedException {

        private static final long serialVersionUID = 1L;

        DeadlinePassed(String message) {
            super(message);
        }
    }

    static TrialOutcome run(TestSelection selection, Level level, Map<String, String> parameters,
            Optional<Instant> deadline) throws InterruptedException {
        Path directory;
        try {
            directory = Files.createTempDirectory("panic-breaking-point-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for a forked trial", e);
        }
        Path outcome = directory.resolve("outcome.txt");
        Path output = directory.resolve("output.txt");
        List<String> command = command(selection, level, parameters, outcome);
        Instant start = Instant.now();
        Process child;
        try {
            child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the JVM of a forked trial: " + command, e);
        }
        try {
            if (deadline.isEmpty()) {
                child.waitFor();
            } else if (!child.waitFor(Math.max(0, Duration.between(Instant.now(), deadline.get()).toMillis()),
                    TimeUnit.MILLISECONDS)) {
                throw new DeadlinePassed("the wall-time budget ended during the forked trial at " + level.describe());
            }
            Duration took = Duration.between(start, Instant.now());
            return TrialOutcomeFile.read(outcome).orElseGet(() -> crashed(child.exitValue(), output, took));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the outcome of the forked trial at " + level.describe(), e);
        } finally {
            destroyTree(child);
            delete(directory);
        }
    }

    /** The child's command line: java, options, class path, the trial main and its arguments. */
    static List<String> command(TestSelection selection, Level level, Map<String, String> parameters, Path outcome) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> inherited = ManagementFactory.getRuntimeMXBean().getInputArguments();
        boolean sized = level.axis() == BreakingAxis.JVM_MAX_HEAP;
        for (String option : inherited) {
            boolean heap = HEAP_OPTIONS.stream().anyMatch(option::startsWith);
            if (!(sized && heap) && DEBUG_OPTIONS.stream().noneMatch(option::startsWith)) {
                command.add(option);
            }
        }
        REQUIRED.stream().filter(option -> !inherited.contains(option)).forEach(command::add);
        if (level.axis() == BreakingAxis.JVM_MAX_HEAP) {
            command.add("-Xmx" + Math.round(level.value()) + "m");
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(BreakingPointTrialMain.class.getName());
        command.addAll(List.of("--test", selection.toString(), "--level", LevelParameter.text(level),
                "--outcome", outcome.toString()));
        parameters.forEach((key, value) -> command.addAll(List.of("--parameter", key + "=" + value)));
        return command;
    }

    private static TrialOutcome crashed(int exitCode, Path output, Duration took) {
        List<String> lines;
        try {
            lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            lines = List.of("(its output could not be read: " + e + ")");
        }
        List<String> proof = new ArrayList<>(lines.subList(Math.max(0, lines.size() - PROOF_LINES), lines.size()));
        return TrialOutcome.failed("JVM exited with " + exitCode, proof, took);
    }

    /** The child and what it started, forcibly; waits (uninterruptibly, briefly) until they are gone. */
    static void destroyTree(Process child) {
        List<ProcessHandle> tree = new ArrayList<>(child.descendants().toList());
        tree.add(child.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        boolean interrupted = false;
        for (ProcessHandle process : tree) {
            try {
                process.onExit().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException | TimeoutException e) {
                // Still there after SIGKILL and 10 s: nothing more this JVM can do about it.
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void delete(Path directory) {
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            // A temporary directory left behind is harmless; the trial's outcome is already read.
        }
    }
}
