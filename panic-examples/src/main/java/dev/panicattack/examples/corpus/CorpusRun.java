package dev.panicattack.examples.corpus;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import dev.panicattack.junit.PanicConfiguration;
import dev.panicattack.junit.PanicSignatureError;
import dev.panicattack.signature.BugClass;

/**
 * Runs corpus classes through the JUnit Platform, as a user's build would, and reports for each
 * corpus test what was expected ({@link Seeded} or {@link Healthy}) and what panic-attack concluded.
 */
public final class CorpusRun {

    private final Map<String, String> configuration;

    private CorpusRun(Map<String, String> configuration) {
        this.configuration = Map.copyOf(configuration);
    }

    /** A run with these JUnit configuration parameters (for example {@code panic.diagnose.flightRecorder}). */
    public static CorpusRun withConfiguration(Map<String, String> configuration) {
        return new CorpusRun(configuration);
    }

    /** Runs the given classes and returns one result per corpus test method, in execution order. */
    public List<Result> run(List<Class<?>> classes) {
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .configurationParameters(configuration);
        classes.forEach(type -> request.selectors(selectClass(type)));
        LauncherDiscoveryRequest discovery = request.build();
        Collector collector = new Collector();
        LauncherFactory.create().execute(discovery, collector);
        return List.copyOf(collector.results);
    }

    /** One corpus test: what it should be, what it was, and its JSON report when one was written. */
    public record Result(String test, Optional<BugClass> expected, boolean failed, Optional<BugClass> concluded,
            Optional<Throwable> failure, Optional<Path> report) {

        /** Correct: a seeded defect classified as its class, or a healthy program that passed with no signature. */
        public boolean correct() {
            return expected.isPresent() ? concluded.equals(expected) : !failed;
        }

        /** One line for a failure message: the test, what was expected, what was concluded, and why. */
        public String describe() {
            return test + ": expected " + expected.map(BugClass::name).orElse("healthy") + ", concluded "
                    + concluded.map(BugClass::name).orElse(failed ? "nothing (failed)" : "nothing (passed)")
                    + ", failure: " + failure.map(thrown -> thrown.getClass().getName() + ": "
                            + String.valueOf(thrown.getMessage()).lines().findFirst().orElse("")).orElse("none");
        }
    }

    private static final class Collector implements TestExecutionListener {

        private final List<Result> results = new ArrayList<>();
        private final Map<String, Path> reports = new HashMap<>();

        @Override
        public synchronized void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
            entry.getKeyValuePairs().entrySet().stream().filter(pair -> pair.getKey().equals(PanicConfiguration.REPORT_ENTRY))
                    .filter(pair -> pair.getValue().endsWith(".html"))
                    .forEach(pair -> reports.put(test.getUniqueId(),
                            Path.of(pair.getValue().substring(0, pair.getValue().length() - ".html".length()) + ".json")));
        }

        @Override
        public synchronized void executionFinished(TestIdentifier test, TestExecutionResult result) {
            if (!test.isTest() || test.getSource().isEmpty() || !(test.getSource().get() instanceof MethodSource source)) {
                return;
            }
            Method method = source.getJavaMethod();
            Optional<BugClass> expected = Optional.ofNullable(method.getAnnotation(Seeded.class)).map(Seeded::value);
            boolean healthy = method.isAnnotationPresent(Healthy.class);
            if (expected.isEmpty() && !healthy) {
                return;
            }
            Optional<Throwable> failure = result.getThrowable();
            Optional<BugClass> concluded = failure.filter(PanicSignatureError.class::isInstance)
                    .map(PanicSignatureError.class::cast).map(PanicSignatureError::bugClass);
            results.add(new Result(source.getClassName().replaceFirst(".*\\.", "") + "." + source.getMethodName(),
                    expected, result.getStatus() != TestExecutionResult.Status.SUCCESSFUL, concluded, failure,
                    Optional.ofNullable(reports.get(test.getUniqueId()))));
        }
    }
}
