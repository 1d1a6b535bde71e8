package dev.panicattack.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import dev.panicattack.junit.PanicSignatureError;

/**
 * The forked JVM of {@code real-bugs}: runs one case class through the JUnit Platform Launcher, as a
 * build's test JVM would, and writes one tab-separated line per finished test and per failed
 * container (status, milliseconds, concluded class, confidence, top rule, and what the test saw: the
 * failure, or the cause of a classified one) ({@link RealBugRun#read} reads them), then {@code end}.
 *
 * <p>Arguments: result file, test class name, then configuration parameters as {@code key=value}.
 */
public final class RealBugFork {

    /** The first line of the proof a {@link PanicSignatureError} carries: {@code signature(...)  [rule]}. */
    private static final String PROOF = "\nproof:\n";

    private RealBugFork() {
    }

    public static void main(String[] args) throws IOException {
        Path resultFile = Path.of(args[0]);
        Map<String, String> configuration = new HashMap<>();
        for (String parameter : Arrays.asList(args).subList(2, args.length)) {
            int equals = parameter.indexOf('=');
            configuration.put(parameter.substring(0, equals), parameter.substring(equals + 1));
        }
        try (PrintWriter result = new PrintWriter(Files.newBufferedWriter(resultFile, StandardCharsets.UTF_8), true)) {
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(args[1]))
                    .configurationParameters(configuration).build(), new ResultListener(result));
            result.println("end");
        }
        // As a build's forked test JVM does: threads a case left running do not keep the fork alive.
        System.exit(0);
    }

    /**
     * The rule named on the first line of the proof in the message, or {@code -}: the error carries the
     * class and confidence as fields, the rule only in its text.
     */
    static String topRule(PanicSignatureError error) {
        String message = String.valueOf(error.getMessage());
        int proof = message.indexOf(PROOF);
        if (proof < 0) {
            return "-";
        }
        int start = proof + PROOF.length();
        int end = message.indexOf('\n', start);
        String line = (end < 0 ? message.substring(start) : message.substring(start, end)).strip();
        int open = line.lastIndexOf('[');
        return open >= 0 && line.endsWith("]") ? line.substring(open + 1, line.length() - 1).replaceFirst(", shown above$", "")
                : "-";
    }

    private static final class ResultListener implements TestExecutionListener {

        private final PrintWriter result;
        private final Map<String, Long> started = new ConcurrentHashMap<>();

        ResultListener(PrintWriter result) {
            this.result = result;
        }

        @Override
        public void executionStarted(TestIdentifier identifier) {
            started.put(identifier.getUniqueId(), System.nanoTime());
        }

        @Override
        public void executionFinished(TestIdentifier identifier, TestExecutionResult outcome) {
            if (!identifier.isTest() && outcome.getStatus() != TestExecutionResult.Status.FAILED) {
                return;
            }
            Optional<Throwable> failure = outcome.getThrowable();
            // The whole failure goes to the fork's output (output.log), the result line keeps its first line.
            failure.ifPresent(thrown -> thrown.printStackTrace(System.out));
            Optional<PanicSignatureError> classified = failure.filter(PanicSignatureError.class::isInstance)
                    .map(PanicSignatureError.class::cast);
            // A classified failure's own first line is the verdict; what the test saw is its cause.
            Optional<Throwable> seen = classified.isPresent() && failure.get().getCause() != null
                    ? Optional.of(failure.get().getCause()) : failure;
            long start = started.getOrDefault(identifier.getUniqueId(), System.nanoTime());
            result.println(String.join("\t", identifier.isTest() ? "test" : "container", identifier.getUniqueId(),
                    outcome.getStatus().name(), String.valueOf((System.nanoTime() - start) / 1_000_000),
                    classified.map(error -> error.bugClass().name()).orElse("-"),
                    classified.map(error -> String.format(Locale.ROOT, "%.4f", error.confidence())).orElse("-"),
                    classified.map(RealBugFork::topRule).orElse("-"),
                    seen.map(thrown -> thrown.getClass().getName()).orElse("-"),
                    seen.map(ResultListener::firstLine).orElse("-")));
        }

        private static String firstLine(Throwable failure) {
            String message = String.valueOf(failure.getMessage()).strip();
            int newline = message.indexOf('\n');
            String line = (newline < 0 ? message : message.substring(0, newline)).replace('\t', ' ').replace('\r', ' ');
            return line.length() > 200 ? line.substring(0, 200) + "..." : line;
        }
    }
}
