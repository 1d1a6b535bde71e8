package dev.panicattack.maven;

import dev.panicattack.breakingpoint.BreakingAxis;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * {@code panic:breaking-point}: searches the level of one pressure axis at which one test starts
 * failing, as {@code mvn panic:breaking-point -Dtest=OrderServiceTest#checkout -Daxis=network.latency}.
 * Runs the lifecycle up to {@code test-compile}, then runs panic-junit's breaking-point command line
 * ({@code dev.panicattack.junit.BreakingPointMain}) in a new JVM of the JDK running Maven, on the
 * project's test class path, and relays its output: the summary and the table of the levels tried.
 * The build fails when the search found the test breaking at or below {@code -DrequireAbove=} (so CI
 * can gate on it) and when the search ended undecided unless {@code -DallowUndecided}; it ends in an
 * error, before any trial, when the input is wrong. See {@code docs/breaking-points.md}.
 */
@Mojo(name = "breaking-point", requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
@Execute(phase = LifecyclePhase.TEST_COMPILE)
public final class BreakingPointMojo extends AbstractMojo {

    /** The command line's main class, in panic-junit. */
    static final String MAIN_CLASS = "dev.panicattack.junit.BreakingPointMain";

    /** The command line's exit codes (panic-junit's BreakingPointMain). */
    private static final int BOUND_VIOLATED = 1;
    private static final int BAD_INPUT = 2;
    private static final int UNDECIDED = 3;

    /** The summary's first line starts with one of these (BreakingPointResult.summary()). */
    private static final List<String> SUMMARY_STARTS = List.of("breaking point", "no breaking point");

    /** The test method searched: {@code Class#method}; the class simple (looked up among the test classes) or qualified. */
    @Parameter(property = "test")
    private String test;

    /** The axis varied, by its constraint key, such as {@code cpu.load}, {@code network.latency} or {@code jvm.maxHeap}. */
    @Parameter(property = "axis")
    private String axis;

    /** The lowest level searched, in the axis's unit; the axis's minimum when not given. */
    @Parameter(property = "from")
    private String from;

    /** The highest level searched, in the axis's unit; the axis's maximum when not given. */
    @Parameter(property = "to")
    private String to;

    /** The width at which the search stops narrowing, in the axis's unit; the axis's default when not given. */
    @Parameter(property = "resolution")
    private String resolution;

    /** Fail the build when the test breaks at or below this level, in the axis's unit. */
    @Parameter(property = "requireAbove")
    private String requireAbove;

    /** For {@code jvm.maxHeap}, which breaks as the level falls: fail the build when the test breaks at or above this level. */
    @Parameter(property = "requireBelow")
    private String requireBelow;

    /** The most trials the search runs. */
    @Parameter(property = "maxTrials")
    private String maxTrials;

    /** The most wall time the search takes, such as {@code 10m} or {@code 90s}. */
    @Parameter(property = "budget")
    private String budget;

    /** Pass the build when the search ended undecided within its budget (it still prints what it could not decide). */
    @Parameter(property = "allowUndecided", defaultValue = "false")
    private boolean allowUndecided;

    /** The reports directory of the search's trials ({@code panic.reports.directory}). */
    @Parameter(property = "panic.reports.directory", defaultValue = "${project.build.directory}/panic-reports")
    private File reports;

    /**
     * The flags of the JVM that runs the search, separated by spaces (no quoting); those of
     * {@code docs/setup.md} by default. Forked trials (heap size and leak axes) get their own heap size.
     */
    @Parameter(property = "jvmArgs", defaultValue = "-Xmx1g -XX:+EnableDynamicAgentLoading"
            + " -Djdk.attach.allowAttachSelf=true -Dnet.bytebuddy.safe=true --enable-native-access=ALL-UNNAMED")
    private String jvmArgs;

    /** The JDK running Maven, whose {@code java} runs the search. */
    @Parameter(defaultValue = "${java.home}", readonly = true, required = true)
    private File javaHome;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        TestSelector selector = selector();
        BreakingAxis searched = searchedAxis();
        List<String> classPath = testClassPath();
        requireCommandLine(classPath);
        List<String> command = command(selector, searched, classPath);
        getLog().info("breaking-point search of " + selector.text() + " on " + searched.key());
        getLog().debug("running " + String.join(" ", command));
        CliRun.Ended ended;
        try {
            ended = new CliRun(command, project.getBasedir().toPath()).run(line -> getLog().info(line),
                    line -> getLog().warn(line));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("the breaking-point search of " + selector.text()
                    + " was interrupted; its JVM was stopped", e);
        } catch (IOException | UncheckedIOException e) {
            throw new MojoExecutionException("could not run the breaking-point search of " + selector.text()
                    + " with " + command.get(0) + ": " + e.getMessage(), e);
        }
        conclude(selector, ended);
    }

    private TestSelector selector() throws MojoExecutionException {
        if (!given(test)) {
            throw new MojoExecutionException("test: no test method given; name the one to search with"
                    + " -Dtest=Class#method, such as -Dtest=OrderServiceTest#checkout");
        }
        try {
            return TestSelector.parse(test.strip(), Path.of(project.getBuild().getTestOutputDirectory()));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    private BreakingAxis searchedAxis() throws MojoExecutionException {
        if (!given(axis)) {
            throw new MojoExecutionException("axis: no axis given; name the pressure to vary by its constraint key,"
                    + " such as -Daxis=network.latency (axes: " + Arrays.stream(BreakingAxis.values())
                    .map(BreakingAxis::key).collect(Collectors.joining(", ")) + ")");
        }
        try {
            return BreakingAxis.parse(axis);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("axis: " + e.getMessage(), e);
        }
    }

    private List<String> testClassPath() throws MojoExecutionException {
        try {
            return project.getTestClasspathElements();
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("the test class path of " + project.getId() + " is not resolved: "
                    + e.getMessage(), e);
        }
    }

    /** A class path without panic-junit would make {@code java} fail with its own exit code 1, read as a violated bound. */
    private void requireCommandLine(List<String> classPath) throws MojoExecutionException {
        String resource = MAIN_CLASS.replace('.', '/') + ".class";
        try (TestClassPath loader = TestClassPath.of(classPath)) {
            if (loader.classLoader().getResource(resource) == null) {
                throw new MojoExecutionException("the test class path of " + project.getId() + " has no " + MAIN_CLASS
                        + ", which runs the search; add the test dependency dev.panicattack:panic-junit (the version"
                        + " of this plugin or later) to the project");
            }
        } catch (IOException e) {
            throw new MojoExecutionException("could not close the class loader of " + project.getId() + "'s test"
                    + " class path: " + e.getMessage(), e);
        }
    }

    private List<String> command(TestSelector selector, BreakingAxis searched, List<String> classPath) {
        List<String> command = new ArrayList<>();
        command.add(javaHome.toPath().resolve("bin").resolve("java").toString());
        Arrays.stream(jvmArgs.strip().split("\\s+")).filter(flag -> !flag.isEmpty()).forEach(command::add);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classPath));
        command.add(MAIN_CLASS);
        command.add("--test");
        command.add(selector.text());
        command.add("--axis");
        command.add(searched.key());
        command.add("--from");
        command.add(given(from) ? from.strip() : searched.number(searched.minimum()));
        command.add("--to");
        command.add(given(to) ? to.strip() : searched.number(searched.maximum()));
        option(command, "--resolution", resolution);
        option(command, "--require-above", requireAbove);
        option(command, "--require-below", requireBelow);
        option(command, "--max-trials", maxTrials);
        option(command, "--budget", budget);
        command.add("--reports");
        command.add(reports.getAbsolutePath());
        return command;
    }

    private static void option(List<String> command, String name, String value) {
        if (given(value)) {
            command.add(name);
            command.add(value.strip());
        }
    }

    private void conclude(TestSelector selector, CliRun.Ended ended) throws MojoFailureException,
            MojoExecutionException {
        Optional<String> summary = ended.output().stream()
                .filter(line -> SUMMARY_STARTS.stream().anyMatch(line::startsWith))
                .findFirst();
        int exitCode = ended.exitCode();
        if (exitCode == 0 && summary.isPresent()) {
            return;
        }
        if (exitCode == BOUND_VIOLATED && summary.isPresent()) {
            String bound = given(requireBelow) ? "at or above the required level -DrequireBelow=" + requireBelow.strip()
                    : "at or below the required level -DrequireAbove=" + requireAbove.strip();
            throw new MojoFailureException(selector.text() + " breaks " + bound + ": " + summary.get());
        }
        if (exitCode == BAD_INPUT) {
            String message = String.join(System.lineSeparator(), ended.errors()).strip();
            throw new MojoExecutionException(message.isEmpty()
                    ? "the breaking-point search of " + selector.text() + " refused its input (exit code 2)"
                    : message);
        }
        if (exitCode == UNDECIDED && summary.isPresent()) {
            if (allowUndecided) {
                getLog().warn("the search ended undecided within its budget, allowed by -DallowUndecided: "
                        + summary.get());
                return;
            }
            throw new MojoFailureException("the breaking-point search of " + selector.text() + " ended undecided"
                    + " within its budget: " + summary.get() + "; raise -Dbudget= or -DmaxTrials=, widen"
                    + " -Dresolution=, or pass -DallowUndecided to accept an undecided search");
        }
        throw new MojoExecutionException("the breaking-point search of " + selector.text() + " ended with exit code "
                + exitCode + (summary.isPresent() ? "" : " without a summary") + "; its output is above");
    }

    private static boolean given(String parameter) {
        return parameter != null && !parameter.isBlank();
    }
}
