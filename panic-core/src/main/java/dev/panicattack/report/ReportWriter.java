package dev.panicattack.report;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.UUID;

/**
 * Writes a test's report as {@code <name>.json} (every fact) and {@code <name>.html} (one
 * self-contained page) into one directory. The name is readable and stable: {@code BankTest.transfer},
 * {@code BankTest.transfer-3} for the third invocation of a parameterized test; when two different
 * tests would share a name, the later one gets {@code ~} and 8 hex digits of a hash of its unique id.
 * Writing the same test again replaces both files atomically, so a reader never sees half a file.
 *
 * <p>Immutable and thread-safe; two threads must not write the same test at the same time.
 */
public final class ReportWriter {

    /** Where reports go unless configured otherwise, relative to the working directory. */
    public static final Path DEFAULT_DIRECTORY = Path.of("target", "panic-reports");

    /** Points drawn per chart series before the series is downsampled. */
    public static final int DEFAULT_MAX_CHART_POINTS = 800;

    private final Path directory;
    private final int maxChartPoints;

    private ReportWriter(Path directory, int maxChartPoints) {
        this.directory = directory;
        this.maxChartPoints = maxChartPoints;
    }

    /** A writer into {@code directory}, created when the first report is written. */
    public static ReportWriter to(Path directory) {
        return new ReportWriter(Objects.requireNonNull(directory, "directory"), DEFAULT_MAX_CHART_POINTS);
    }

    /** A writer into {@link #DEFAULT_DIRECTORY}. */
    public static ReportWriter ofDefaults() {
        return to(DEFAULT_DIRECTORY);
    }

    /**
     * This writer drawing at most about {@code points} points per chart series (between 10 and 100000;
     * the JSON always keeps every fact).
     */
    public ReportWriter withMaxChartPoints(int points) {
        if (points < 10 || points > 100_000) {
            throw new IllegalArgumentException("maxChartPoints must be between 10 and 100000, but was " + points);
        }
        return new ReportWriter(directory, points);
    }

    public Path directory() {
        return directory;
    }

    public int maxChartPoints() {
        return maxChartPoints;
    }

    /**
     * Writes (or atomically replaces) the JSON and HTML files of {@code report}.
     *
     * @throws UncheckedIOException when the directory cannot be created or a file cannot be written
     */
    public ReportFiles write(TrialReport report) {
        Objects.requireNonNull(report, "report");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the report directory " + directory.toAbsolutePath()
                    + " for " + report.testId() + "; check that it is a writable directory", e);
        }
        String name = ReportFileNames.resolve(directory, report);
        Path json = directory.resolve(name + ".json");
        Path html = directory.resolve(name + ".html");
        // JSON first: its test id line is what later writes compare to keep names stable
        replace(json, ReportJson.encodeTo(report));
        replace(html, ReportPage.render(report, name, maxChartPoints));
        return new ReportFiles(json, html);
    }

    /** Writes {@code content} as UTF-8 to a temporary sibling, then renames it over {@code target}. */
    static void replace(Path target, CharSequence content) {
        // a sibling, so the rename stays on one file system; created with the usual permissions
        Path temporary = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            // OutputStreamWriter replaces what UTF-8 cannot encode (an unpaired surrogate) instead of failing
            try (Writer writer = new OutputStreamWriter(Files.newOutputStream(temporary), StandardCharsets.UTF_8)) {
                // in chunks: a large report is not copied whole once more
                StringBuilder text = content instanceof StringBuilder builder ? builder : new StringBuilder(content);
                char[] chunk = new char[1 << 16];
                for (int start = 0; start < text.length(); start += chunk.length) {
                    int end = Math.min(text.length(), start + chunk.length);
                    text.getChars(start, end, chunk, 0);
                    writer.write(chunk, 0, end - start);
                }
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            UncheckedIOException failure = cannotWrite(target, e);
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
    }

    private static UncheckedIOException cannotWrite(Path target, IOException cause) {
        return new UncheckedIOException("cannot write the report file " + target.toAbsolutePath()
                + "; check free space and permissions of its directory", cause);
    }
}
