package dev.panicattack.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A benchmark's child JVM, run to its end or killed with every process it started once its time
 * bound passes; stopping the benchmark (Ctrl-C) stops it too. Its output and errors go to one log.
 */
record BoundedFork(boolean killed, int exitCode, long nanos) {

    static BoundedFork run(List<String> command, Path workingDirectory, Path log, Duration bound, String name)
            throws IOException, InterruptedException {
        Process child = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        Thread stopChild = new Thread(child::destroyForcibly, name + "-stop-fork");
        Runtime.getRuntime().addShutdownHook(stopChild);
        long started = System.nanoTime();
        boolean finished = child.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            child.descendants().forEach(ProcessHandle::destroyForcibly);
            child.destroyForcibly();
        }
        int exit = child.waitFor();
        Runtime.getRuntime().removeShutdownHook(stopChild);
        return new BoundedFork(!finished, exit, System.nanoTime() - started);
    }
}
