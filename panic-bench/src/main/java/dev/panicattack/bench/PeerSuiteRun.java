package dev.panicattack.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import dev.panicattack.junit.PanicSignatureError;

/**
 * The forked JVM of {@code peer-suites}: runs the tests of one third-party test jar through the JUnit
 * Platform Launcher, as a build's forked test JVM would, and writes one tab-separated line per
 * finished test or failed container (status, milliseconds, failure) to a summary file as it goes (so a run killed at its time bound
 * still tells how far it got), then the wall time and what panic-attack left behind, then {@code end}.
 *
 * <p>Arguments: summary file, test classes folder (the class path root to scan), include class-name pattern, exclude class-name pattern
 * ({@code ""} for none), then configuration parameters as {@code key=value}.
 */
public final class PeerSuiteRun {

    /** Threads still running this long after the launcher returns are counted as left behind. */
    private static final long THREAD_GRACE_NANOS = 2_000_000_000L;
    private static final String OWN_PREFIX = "panic-";

    private PeerSuiteRun() {
    }

    public static void main(String[] args) throws IOException {
        Path summaryFile = Path.of(args[0]);
        Path testClasses = Path.of(args[1]);
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClasspathRoots(Set.of(testClasses)))
                .filters(ClassNameFilter.includeClassNamePatterns(args[2]));
        if (!args[3].isEmpty()) {
            request.filters(ClassNameFilter.excludeClassNamePatterns(args[3]));
        }
        Map<String, String> configuration = new HashMap<>();
        for (int i = 4; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            configuration.put(args[i].substring(0, equals), args[i].substring(equals + 1));
        }
        request.configurationParameters(configuration);
        try (PrintWriter summary = new PrintWriter(Files.newBufferedWriter(summaryFile, StandardCharsets.UTF_8), true)) {
            long start = System.nanoTime();
            LauncherFactory.create().execute(request.build(), new SummaryListener(summary));
            long wall = System.nanoTime() - start;
            summary.println("wall_ns\t" + wall);
            for (String thread : threadsLeftBehind()) {
                summary.println("thread\t" + thread);
            }
            for (Path file : filesLeftBehind(List.of(Path.of(System.getProperty("java.io.tmpdir")),
                    Path.of(System.getProperty("user.dir"))))) {
                summary.println("file\t" + file);
            }
            summary.println("end");
        }
        // As a build's forked test JVM does: threads a suite left running do not keep the fork alive.
        System.exit(0);
    }

    /** Live threads named {@code panic-*}, polled until none is left or the grace has passed. */
    private static List<String> threadsLeftBehind() {
        long deadline = System.nanoTime() + THREAD_GRACE_NANOS;
        while (true) {
            List<String> live = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.isAlive() && thread.getName().startsWith(OWN_PREFIX))
                    .map(Thread::getName).sorted().toList();
            if (live.isEmpty() || System.nanoTime() - deadline >= 0) {
                return live;
            }
            LockSupport.parkNanos(50_000_000L);
        }
    }

    /** Files and folders named {@code panic-*} anywhere under the given roots (the run's own tmpdir and working directory). */
    private static List<Path> filesLeftBehind(List<Path> roots) throws IOException {
        List<Path> found = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(path -> !path.equals(root) && path.getFileName().toString().startsWith(OWN_PREFIX))
                        .forEach(found::add);
            }
        }
        return List.copyOf(found);
    }

    /** Writes a line per finished test, and per failed container (its tests may never have started). */
    private static final class SummaryListener implements TestExecutionListener {

        private final PrintWriter summary;
        private final Map<String, Long> started = new ConcurrentHashMap<>();

        SummaryListener(PrintWriter summary) {
            this.summary = summary;
        }

        @Override
        public void executionStarted(TestIdentifier identifier) {
            started.put(identifier.getUniqueId(), System.nanoTime());
        }

        @Override
        public void executionSkipped(TestIdentifier identifier, String reason) {
            if (identifier.isTest()) {
                summary.println(String.join("\t", "skipped", identifier.getUniqueId()));
            }
        }

        @Override
        public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
            if (!identifier.isTest() && result.getStatus() != TestExecutionResult.Status.FAILED) {
                return;
            }
            Throwable failure = result.getThrowable().orElse(null);
            long start = started.getOrDefault(identifier.getUniqueId(), System.nanoTime());
            summary.println(String.join("\t", identifier.isTest() ? "test" : "container", identifier.getUniqueId(),
                    result.getStatus().name(), String.valueOf((System.nanoTime() - start) / 1_000_000),
                    failure == null ? "-" : failure.getClass().getName(),
                    failure instanceof PanicSignatureError classified ? classified.bugClass().name() : "-",
                    failure == null || failure.getCause() == null ? "-" : failure.getCause().getClass().getName(),
                    failure == null ? "-" : firstLine(failure)));
        }

        private static String firstLine(Throwable failure) {
            String message = String.valueOf(failure.getMessage()).strip();
            int newline = message.indexOf('\n');
            String line = (newline < 0 ? message : message.substring(0, newline)).replace('\t', ' ').replace('\r', ' ');
            return line.length() > 240 ? line.substring(0, 240) + "..." : line;
        }
    }
}
