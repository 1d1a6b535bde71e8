package dev.panicattack.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.panicattack.bench.fixtures.BreakingPointFixture;

/**
 * One breaking-point search of a {@link BreakingPointFixture} method, in a JVM of its own running
 * {@code BreakingPointMain} as {@code mvn panic:breaking-point} does, and what it printed: the level
 * the summary reports, the interval, the levels and trials decided and the wall time.
 */
record ForkedSearch(Optional<Double> level, Optional<Double> low, Optional<Double> high, int levels, int trials,
        double wallSeconds, String headline) {

    private static final String MAIN_CLASS = "dev.panicattack.junit.BreakingPointMain";
    /**
     * {@code breaking point: network latency 100 ms (95-100, 95%); ...}: the level reported (the middle of
     * the interval rounded up to a step), the interval and its confidence.
     */
    private static final Pattern INTERVAL = Pattern.compile("^breaking point: [a-z ]*?(-?[0-9.]+)(?:%|%/s| ms| MiB)?"
            + " \\((-?[0-9.]+)(?:-| to )(-?[0-9.]+), ([0-9]+)%\\)");
    /** {@code 5 levels decided in 38 trials, 12.3 s; ...}. */
    private static final Pattern COST = Pattern.compile("^\\s*([0-9]+) levels? decided in ([0-9]+) trials?");

    /** One fixture: its method, the axis searched, the range, and the level at which it breaks. */
    record Fixture(String name, String method, String axis, int from, int to, double trueLevel) {
    }

    /** Whether the interval holds {@code level}. */
    boolean covers(double level) {
        return low.isPresent() && high.isPresent() && low.get() < level && level <= high.get();
    }

    /** Searches {@code fixture} with the fixture's seed property set to {@code seed}, writing to {@code reports}. */
    static ForkedSearch of(Fixture fixture, long seed, Path reports) throws IOException, InterruptedException {
        return of(fixture, seed, List.of(), reports);
    }

    /** As {@link #of(Fixture, long, Path)}, with {@code jvmOptions} for the search's JVM, which its forked trials inherit. */
    static ForkedSearch of(Fixture fixture, long seed, List<String> jvmOptions, Path reports)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(Arrays.asList("-Xmx512m", "-XX:+EnableDynamicAgentLoading", "-Djdk.attach.allowAttachSelf=true",
                "-Dnet.bytebuddy.safe=true", "--enable-native-access=ALL-UNNAMED",
                "-D" + BreakingPointFixture.SEED_PROPERTY + "=" + seed));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), MAIN_CLASS,
                "--test", BreakingPointFixture.class.getName() + "#" + fixture.method(), "--axis", fixture.axis(),
                "--from", Integer.toString(fixture.from()), "--to", Integer.toString(fixture.to()),
                "--reports", reports.toString()));
        Path log = Files.createTempFile(reports, fixture.name(), ".log");
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int exit = process.waitFor();
        double wallSeconds = (System.nanoTime() - started) / 1e9;
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        if (exit != 0) {
            throw new IllegalStateException("the search of " + fixture.name() + " ended with exit code " + exit
                    + "; its output: " + log);
        }
        String headline = lines.stream().filter(line -> line.startsWith("breaking point") || line.startsWith(
                "no breaking point")).findFirst().orElseThrow(() -> new IllegalStateException("the search of "
                        + fixture.name() + " printed no summary; its output: " + log));
        Matcher interval = INTERVAL.matcher(headline);
        boolean found = interval.find();
        Matcher cost = lines.stream().map(COST::matcher).filter(Matcher::find).findFirst()
                .orElseThrow(() -> new IllegalStateException("the search of " + fixture.name()
                        + " printed no trial count; its output: " + log));
        return new ForkedSearch(found ? Optional.of(Double.parseDouble(interval.group(1))) : Optional.empty(),
                found ? Optional.of(Double.parseDouble(interval.group(2))) : Optional.empty(),
                found ? Optional.of(Double.parseDouble(interval.group(3))) : Optional.empty(),
                Integer.parseInt(cost.group(1)), Integer.parseInt(cost.group(2)), wallSeconds, headline);
    }

    /** A level as the RESULT lines print it: whole numbers without a fraction, {@code none} for NaN. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "none";
        }
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    /** The optional level as {@link #number} prints it, {@code none} when absent. */
    static String number(Optional<Double> value) {
        return value.map(ForkedSearch::number).orElse("none");
    }
}
