package dev.panicattack.junit.exhaustion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A JVM of its own that runs fixture classes through {@link IsolatedRun} with the current java and
 * class path, so that a test can exhaust its memory without touching the build's. Its output goes to
 * files in its directory; {@link #await} bounds it in time and kills it when it is over.
 */
final class ChildJvm {

    private final String name;
    private final Process process;
    private final Path out;
    private final Path err;
    private final Path reports;

    private ChildJvm(String name, Process process, Path out, Path err, Path reports) {
        this.name = name;
        this.process = process;
        this.out = out;
        this.err = err;
        this.reports = reports;
    }

    /**
     * Starts a child named {@code name} in {@code directory/name}, with {@code jvmOptions}, running
     * {@code fixtures} in that order as one run; {@code shell}, when given, is a bash prelude (such
     * as a {@code ulimit}) that then execs the JVM.
     */
    static ChildJvm start(Path directory, String name, List<String> jvmOptions, Optional<String> shell,
            Class<?>... fixtures) {
        Path home = directory.resolve(name);
        List<String> java = new ArrayList<>();
        java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        java.addAll(jvmOptions);
        java.add("-cp");
        java.add(System.getProperty("java.class.path"));
        java.add(IsolatedRun.class.getName());
        java.add(home.resolve("reports").toString());
        for (Class<?> fixture : fixtures) {
            java.add(fixture.getName());
        }
        List<String> command = new ArrayList<>();
        if (shell.isPresent()) {
            command.addAll(List.of("bash", "-c", shell.get() + " && exec \"$@\"", "bash"));
        }
        command.addAll(java);
        try {
            Files.createDirectories(home);
            Path out = home.resolve("stdout.txt");
            Path err = home.resolve("stderr.txt");
            Process process = new ProcessBuilder(command).directory(home.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            return new ChildJvm(name, process, out, err, home.resolve("reports"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the child JVM " + name + ": " + command, e);
        }
    }

    /** Waits for the child to end, up to {@code limit}; one that is still running then is killed and fails the test. */
    Run await(Duration limit) throws InterruptedException {
        boolean ended = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        if (!ended) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        return new Run(name, ended, ended ? process.exitValue() : -1, read(out), String.join("\n", read(err)), reports);
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a child did: whether it ended in time, its exit code and its output. */
    record Run(String name, boolean ended, int exitCode, List<String> out, String err, Path reports) {

        /** The test {@code Class#method}'s line, or a failure saying what the child printed instead. */
        TestLine test(String test) {
            return out.stream().filter(line -> line.startsWith("test\t" + test + "\t")).findFirst()
                    .map(TestLine::parse)
                    .orElseThrow(() -> new AssertionError("the child JVM " + name + " reported no test " + test
                            + ";\n" + this));
        }

        /** The report the test published, if any. */
        Optional<Path> report(String test) {
            return out.stream().filter(line -> line.startsWith("entry\t" + test + "\tpanic.report\t")).findFirst()
                    .map(line -> Path.of(line.substring(line.lastIndexOf('\t') + 1)));
        }

        /** Whether the child ended by itself, with exit code 0, after printing its results. */
        boolean endedNormally() {
            return ended && exitCode == 0 && out.contains("end");
        }

        @Override
        public String toString() {
            return "child " + name + (ended ? " exited with " + exitCode : " did not end in time and was killed")
                    + "\n--- stdout\n" + String.join("\n", out) + "\n--- stderr\n" + err;
        }
    }

    /** One finished test as the child printed it. */
    record TestLine(String status, String thrown, String message) {

        static TestLine parse(String line) {
            String[] fields = line.split("\t", -1);
            return new TestLine(fields[2], fields[3], fields[4].replace("\\n", "\n"));
        }

        String firstLine() {
            return message.lines().findFirst().orElse("");
        }
    }
}
