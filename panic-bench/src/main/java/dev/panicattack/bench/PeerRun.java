package dev.panicattack.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one forked {@link PeerSuiteRun} wrote: each finished test, each failed container, the wall
 * time of the launcher's run, the {@code panic-*} threads and files left behind, and whether the
 * run got to its end (it did not when it was killed at the time bound or its JVM died).
 */
record PeerRun(Map<String, Result> tests, Map<String, Result> failedContainers, long wallNanos, List<String> threads,
        List<String> files, boolean complete, boolean timedOut, int exitCode) {

    /**
     * A test's or container's result: status, milliseconds from start to finish, exception class,
     * bug class and cause class ({@code -} when none), the message's first line.
     */
    record Result(String id, String status, long millis, String exception, String bugClass, String cause,
            String message) {

        boolean failed() {
            return status.equals("FAILED");
        }
    }

    PeerRun {
        tests = Map.copyOf(tests);
        failedContainers = Map.copyOf(failedContainers);
        threads = List.copyOf(threads);
        files = List.copyOf(files);
    }

    /** {@code forkNanos}, the fork's whole life, stands for the wall time of a run that did not get to write it. */
    static PeerRun read(Path summary, boolean timedOut, int exitCode, long forkNanos) throws IOException {
        Map<String, Result> tests = new LinkedHashMap<>();
        Map<String, Result> containers = new LinkedHashMap<>();
        List<String> threads = new ArrayList<>();
        List<String> files = new ArrayList<>();
        long wall = -1;
        boolean complete = false;
        List<String> lines = Files.exists(summary) ? Files.readAllLines(summary, StandardCharsets.UTF_8) : List.of();
        for (String line : lines) {
            String[] fields = line.split("\t", -1);
            switch (fields[0]) {
                case "test", "container" -> {
                    if (fields.length < 8) {
                        // The last line of a killed run may be cut short.
                        continue;
                    }
                    Result result = new Result(fields[1], fields[2], Long.parseLong(fields[3]), fields[4], fields[5],
                            fields[6], fields[7]);
                    (fields[0].equals("test") ? tests : containers).put(result.id(), result);
                }
                case "wall_ns" -> wall = Long.parseLong(fields[1]);
                case "thread" -> threads.add(fields[1]);
                case "file" -> files.add(fields[1]);
                case "end" -> complete = true;
                default -> {
                    // "skipped" and a cut-short last line: nothing to count.
                }
            }
        }
        return new PeerRun(tests, containers, wall < 0 ? forkNanos : wall, threads, files, complete && exitCode == 0,
                timedOut, exitCode);
    }

    /** The test's failure in this run: its own, or that of a failed container above it (whose tests then never ran). */
    Optional<Result> failureOf(String testId) {
        Result own = tests.get(testId);
        if (own != null) {
            return own.failed() ? Optional.of(own) : Optional.empty();
        }
        return failedContainers.values().stream().filter(container -> testId.startsWith(container.id() + "/"))
                .findFirst();
    }

    /** Neither finished nor under a failed container: the run ended (or was cut) before it. */
    boolean didNotRun(String testId) {
        return !tests.containsKey(testId) && failureOf(testId).isEmpty();
    }

    /** Tests that passed. */
    List<String> passed() {
        return tests.values().stream().filter(result -> result.status().equals("SUCCESSFUL")).map(Result::id).toList();
    }

    /** Median milliseconds per finished test; NaN when none finished. */
    double medianMillis() {
        return Figures.median(tests.values().stream().mapToDouble(Result::millis).toArray());
    }

    /** Tests that failed, in the order they finished. */
    List<Result> failures() {
        return tests.values().stream().filter(Result::failed).toList();
    }
}
