package dev.panicattack.maven;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One run of a command line in a child process whose standard output and error are relayed line by
 * line as they come. The child, and any process it started, is destroyed when the waiting thread is
 * interrupted or the JVM shuts down (Ctrl-C on Maven), so a cancelled build leaves no search running.
 */
final class CliRun {

    /** How long a destroyed child gets to run its own shutdown hooks before it is killed. */
    private static final Duration GRACE = Duration.ofSeconds(5);

    private final List<String> command;
    private final Path directory;

    CliRun(List<String> command, Path directory) {
        this.command = List.copyOf(command);
        this.directory = directory;
    }

    /**
     * What the child printed and how it ended.
     *
     * @param exitCode the child's exit code
     * @param output   its standard output, by line
     * @param errors   its standard error, by line
     */
    record Ended(int exitCode, List<String> output, List<String> errors) {

        Ended {
            output = List.copyOf(output);
            errors = List.copyOf(errors);
        }
    }

    /**
     * Runs the command to its end, passing each line of standard output to {@code onOutput} and of
     * standard error to {@code onError}.
     *
     * @throws InterruptedException when interrupted; the child is destroyed first
     */
    Ended run(Consumer<String> onOutput, Consumer<String> onError) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).start();
        process.getOutputStream().close();
        Thread stopper = new Thread(() -> destroy(process), "panic-breaking-point-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        Charset charset = Charset.defaultCharset();
        List<String> output = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        // Both streams on their own threads: this one waits in waitFor, which an interrupt ends.
        Thread outputPump = pumpThread(process.getInputStream(), charset, output, onOutput, "output");
        Thread errorPump = pumpThread(process.getErrorStream(), charset, errors, onError, "error");
        try {
            int exitCode = process.waitFor();
            // The pipes close when the child has ended, unless a descendant it left behind holds them.
            outputPump.join(GRACE.toMillis());
            errorPump.join(GRACE.toMillis());
            synchronized (output) {
                synchronized (errors) {
                    return new Ended(exitCode, output, errors);
                }
            }
        } finally {
            if (process.isAlive()) {
                destroy(process);
            }
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or has run: it destroys the child, which is all it is for.
            }
        }
    }

    private static Thread pumpThread(InputStream stream, Charset charset, List<String> lines, Consumer<String> relay,
            String name) {
        Thread pump = new Thread(() -> pump(stream, charset, lines, relay), "panic-breaking-point-" + name);
        pump.setDaemon(true);
        pump.start();
        return pump;
    }

    private static void pump(InputStream stream, Charset charset, List<String> lines, Consumer<String> relay) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, charset))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                synchronized (lines) {
                    lines.add(line);
                }
                relay.accept(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the output of the breaking-point run", e);
        }
    }

    /** Asks the child and its descendants (trial JVMs) to end, then kills what is left after a grace period. */
    private static void destroy(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
