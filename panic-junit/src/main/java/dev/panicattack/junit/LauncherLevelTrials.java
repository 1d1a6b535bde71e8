package dev.panicattack.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import dev.panicattack.breakingpoint.Level;
import dev.panicattack.breakingpoint.LevelTrials;
import dev.panicattack.breakingpoint.TrialOutcome;

/**
 * Trials of one selected test through the JUnit Platform Launcher, each under one level given as
 * {@value PanicConfiguration#BREAKING_POINT_LEVEL_PROPERTY_NAME}: in this JVM, the first trial run
 * twice and its first result discarded (class loading and JIT would otherwise count against the
 * lowest level), or, for an axis that needs a JVM of its own ({@code jvm.maxHeap}, {@code memory.leakRate}),
 * in a fresh JVM per trial ({@link ForkedTrial}). Called by one search from one thread; holds whether
 * it has warmed up, nothing else that changes.
 */
final class LauncherLevelTrials implements LevelTrials {

    /** Lets a test without annotations run as a trial: {@link TrialExtension} is loaded by auto-detection. */
    static final String AUTODETECTION = "junit.jupiter.extensions.autodetection.enabled";

    private final Launcher launcher;
    private final TestSelection selection;
    private final String uniqueId;
    private final Map<String, String> parameters;
    private final Optional<Instant> deadline;
    private boolean warmedUp;
    private boolean deadlinePassed;

    private LauncherLevelTrials(Launcher launcher, TestSelection selection, String uniqueId,
            Map<String, String> parameters, Optional<Instant> deadline) {
        this.launcher = launcher;
        this.selection = selection;
        this.uniqueId = uniqueId;
        this.parameters = Map.copyOf(parameters);
        this.deadline = deadline;
    }

    /**
     * Trials of the one test {@code selection} matches, run with the configuration {@code parameters}
     * besides the level; a forked trial still running at {@code deadline} is stopped.
     *
     * @throws IllegalArgumentException when {@code selection} matches no test, or several, or a test
     *                                  template, naming it and the fix; nothing has run
     */
    static LauncherLevelTrials of(TestSelection selection, Map<String, String> parameters, Optional<Instant> deadline) {
        Launcher launcher = LauncherFactory.create();
        return new LauncherLevelTrials(launcher, selection, resolve(launcher, selection, parameters), parameters, deadline);
    }

    TestSelection selection() {
        return selection;
    }

    /** Whether a forked trial was stopped because the deadline passed (the search then ends as if interrupted). */
    boolean deadlinePassed() {
        return deadlinePassed;
    }

    @Override
    public TrialOutcome run(Level level) throws InterruptedException {
        if (level.axis().forked()) {
            try {
                return ForkedTrial.run(selection, level, parameters, deadline);
            } catch (ForkedTrial.DeadlinePassed e) {
                deadlinePassed = true;
                throw e;
            }
        }
        if (!warmedUp) {
            runInProcess(level);
            warmedUp = true;
        }
        return runInProcess(level);
    }

    /** One trial in this JVM. */
    TrialOutcome runInProcess(Level level) throws InterruptedException {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectUniqueId(uniqueId))
                .configurationParameters(parameters)
                .configurationParameter(AUTODETECTION, "true")
                .configurationParameter(PanicConfiguration.BREAKING_POINT_LEVEL_PROPERTY_NAME, LevelParameter.text(level))
                .build();
        Result result = new Result(uniqueId);
        Instant start = Instant.now();
        launcher.execute(request, result);
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted during the trial at " + level.describe());
        }
        return result.outcome(selection, level, Duration.between(start, Instant.now()));
    }

    /** The unique id of the one test {@code selection} matches. */
    private static String resolve(Launcher launcher, TestSelection selection, Map<String, String> parameters) {
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request().configurationParameters(parameters);
        Optional<Class<?>> loaded = load(selection.className());
        if (loaded.isPresent()) {
            request.selectors(selectClass(loaded.get()));
        } else if (selection.simpleName()) {
            request.selectors(selectClasspathRoots(directoriesOnClassPath()))
                    .filters(ClassNameFilter.includeClassNamePatterns(".*[.$]" + Pattern.quote(selection.className())));
        } else {
            throw new IllegalArgumentException("the test " + selection + " names no class on the test class path;"
                    + " check the class name (nested classes are Outer$Inner) and that the test classes are compiled");
        }
        TestPlan plan = launcher.discover(request.build());
        List<TestIdentifier> matches = new ArrayList<>();
        for (TestIdentifier root : plan.getRoots()) {
            for (TestIdentifier candidate : plan.getDescendants(root)) {
                if (matches(candidate, selection, loaded.isEmpty())) {
                    matches.add(candidate);
                }
            }
        }
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("the test " + selection + " matches no test: "
                    + (loaded.isPresent() ? "no test method named " + selection.methodName() + " in " + loaded.get().getName()
                            : "no test class named " + selection.className() + " with a test method "
                                    + selection.methodName() + " in " + directoriesOnClassPath().size()
                                    + " class directories of the class path")
                    + "; select a @Test method as Class#method");
        }
        if (matches.size() > 1) {
            throw new IllegalArgumentException("the test " + selection + " matches " + matches.size() + " tests ("
                    + matches.stream().map(TestIdentifier::getUniqueId).collect(Collectors.joining(", "))
                    + "); select one, with the fully qualified class name (nested classes as Outer$Inner)");
        }
        TestIdentifier match = matches.get(0);
        if (!match.isTest()) {
            throw new IllegalArgumentException("the test " + selection + " is a test template or factory ("
                    + match.getUniqueId() + "), whose invocations are several tests; select a plain @Test method");
        }
        return match.getUniqueId();
    }

    private static boolean matches(TestIdentifier candidate, TestSelection selection, boolean bySimpleName) {
        if (!(candidate.getSource().orElse(null) instanceof MethodSource method)
                || !method.getMethodName().equals(selection.methodName())) {
            return false;
        }
        String className = method.getClassName();
        return bySimpleName
                ? className.endsWith("." + selection.className()) || className.endsWith("$" + selection.className())
                        || className.equals(selection.className())
                : className.equals(selection.className());
    }

    private static Optional<Class<?>> load(String className) {
        try {
            return Optional.of(Class.forName(className, false, Thread.currentThread().getContextClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    private static Set<Path> directoriesOnClassPath() {
        Set<Path> directories = new java.util.LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isEmpty() && Files.isDirectory(Path.of(entry))) {
                directories.add(Path.of(entry));
            }
        }
        return directories;
    }

    /** What the one selected test did in one run. */
    private static final class Result implements TestExecutionListener {

        private final String uniqueId;
        private final Map<String, TestExecutionResult> containers = new LinkedHashMap<>();
        private TestExecutionResult test;

        Result(String uniqueId) {
            this.uniqueId = uniqueId;
        }

        @Override
        public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
            if (identifier.getUniqueId().equals(uniqueId)) {
                test = result;
            } else if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                containers.put(identifier.getUniqueId(), result);
            }
        }

        TrialOutcome outcome(TestSelection selection, Level level, Duration duration) {
            if (test == null) {
                // A class-level callback failed: the test never ran, and that is this level's failure.
                Throwable thrown = containers.values().stream().map(TestExecutionResult::getThrowable)
                        .flatMap(Optional::stream).findFirst()
                        .orElseThrow(() -> new IllegalStateException("the test " + selection + " did not run at "
                                + level.describe() + " and nothing failed; was it filtered out or disabled?"));
                return failed(thrown, selection, level, duration);
            }
            return switch (test.getStatus()) {
                case SUCCESSFUL -> TrialOutcome.passed(duration);
                case ABORTED -> throw new IllegalStateException("the test " + selection + " was aborted at "
                        + level.describe() + " (an assumption failed: " + test.getThrowable().map(Throwable::getMessage)
                                .orElse("no reason given") + "); a search needs a test that runs at every level");
                case FAILED -> failed(test.getThrowable().orElseThrow(), selection, level, duration);
            };
        }

        private static TrialOutcome failed(Throwable thrown, TestSelection selection, Level level, Duration duration) {
            if (thrown instanceof org.junit.jupiter.api.extension.ExtensionConfigurationException) {
                // The declaration, not the level, is at fault: no level would pass.
                throw new IllegalArgumentException("the test " + selection + " cannot run under "
                        + level.describe() + ": " + thrown.getMessage(), thrown);
            }
            return TrialCause.failed(thrown, duration);
        }
    }
}
