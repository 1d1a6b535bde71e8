package dev.panicattack.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import dev.panicattack.signature.Signature;

/**
 * Writes {@code index.html}: one self-contained page listing every test of a run with its outcome,
 * primary bug class and confidence, pressure and duration, linking to each test's page. Failed tests
 * come first, then aborted, then passed; within each, by class, method and display name. When a test
 * appears more than once in the list, the last report wins (a report is rewritten when late evidence
 * completes it). Write the test pages with {@link ReportWriter} into the same directory first; a test
 * whose page is missing is listed without a link. The breaking-point pages {@link BreakingPointPage} wrote
 * into the directory are listed below the tests, each with its summary line. Immutable and thread-safe.
 */
public final class RunIndex {

    /** The index file's name inside the report directory. */
    public static final String FILE_NAME = "index.html";

    private static final Comparator<TrialReport> ORDER = Comparator
            .comparingInt((TrialReport report) -> rank(report.outcome()))
            .thenComparing(TrialReport::className)
            .thenComparing(TrialReport::methodName)
            .thenComparing(TrialReport::displayName)
            .thenComparing(TrialReport::testId);

    /** An index writer; it holds no state. */
    public RunIndex() {
    }

    /**
     * Writes (or atomically replaces) {@code directory/index.html}.
     *
     * @return the path of the index
     * @throws UncheckedIOException when the file cannot be written
     */
    public Path write(Path directory, List<TrialReport> reports) {
        Objects.requireNonNull(directory, "directory");
        Map<String, TrialReport> byTest = new LinkedHashMap<>();
        for (TrialReport report : reports) {
            byTest.remove(report.testId());
            byTest.put(report.testId(), report);
        }
        List<TrialReport> sorted = new ArrayList<>(byTest.values());
        sorted.sort(ORDER);
        Path index = directory.resolve(FILE_NAME);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the report directory " + directory.toAbsolutePath()
                    + "; check that it is a writable directory", e);
        }
        ReportWriter.replace(index, render(directory, sorted));
        return index;
    }

    private static String render(Path directory, List<TrialReport> reports) {
        long failed = reports.stream().filter(r -> r.outcome() == Outcome.FAILED).count();
        long aborted = reports.stream().filter(r -> r.outcome() == Outcome.ABORTED).count();
        long passed = reports.size() - failed - aborted;
        long classified = reports.stream().filter(r -> !r.signatures().isEmpty()).count();
        StringBuilder out = new StringBuilder(8192 + reports.size() * 600);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>panic-attack run: ").append(failed).append(" failed of ").append(reports.size())
                .append("</title>\n<style>\n").append(ReportStyle.CSS).append("</style>\n</head>\n<body>\n<main>\n")
                .append("<header class=\"card\" style=\"--outcome:var(--").append(failed > 0 ? "FAILED" : "PASSED")
                .append(")\">\n<h1>panic-attack run</h1>\n<p class=\"sub\" id=\"totals\">").append(reports.size())
                .append(reports.size() == 1 ? " test: " : " tests: ").append(failed).append(" failed, ")
                .append(aborted).append(" aborted, ").append(passed).append(" passed; ").append(classified)
                .append(" with a diagnosis.</p>\n</header>\n");
        if (reports.isEmpty()) {
            out.append("<p class=\"nodata\">No tests were reported.</p>\n");
        } else {
            out.append("<table class=\"card\" id=\"tests\"><thead><tr><th>outcome</th><th>test</th>"
                    + "<th>diagnosis</th><th>pressure</th><th class=\"num\">duration</th></tr></thead><tbody>\n");
            for (TrialReport report : reports) {
                row(directory, report, out);
            }
            out.append("</tbody></table>\n");
        }
        breakingPoints(directory, out);
        out.append("<footer>panic-attack run index. Each test's page and JSON are in this directory.</footer>\n")
                .append("</main>\n</body>\n</html>\n");
        return out.toString();
    }

    /** The breaking-point pages {@link BreakingPointPage} wrote into the directory, when there are any. */
    private static void breakingPoints(Path directory, StringBuilder out) {
        List<BreakingPointPage.Listed> pages = BreakingPointPage.listed(directory);
        if (pages.isEmpty()) {
            return;
        }
        out.append("<h2>Breaking points</h2>\n<table class=\"card\" id=\"breaking-points\"><thead><tr><th>status</th>"
                + "<th>search</th></tr></thead><tbody>\n");
        for (BreakingPointPage.Listed page : pages) {
            out.append("<tr><td><span class=\"badge ").append(page.status()).append("\" style=\"background:var(--")
                    .append(page.status().equals("NO_BREAK_IN_RANGE") ? "PASSED"
                            : page.status().equals("UNDECIDED") ? "ABORTED" : "FAILED")
                    .append(")\">").append(page.status().replace('_', ' ')).append("</span></td><td><a href=\"");
            Html.escape(page.fileName(), out).append("\">");
            Html.escape(page.summary(), out).append("</a></td></tr>\n");
        }
        out.append("</tbody></table>\n");
    }

    private static void row(Path directory, TrialReport report, StringBuilder out) {
        String name = ReportFileNames.resolve(directory, report);
        boolean written = Files.exists(directory.resolve(name + ".html"));
        out.append("<tr class=\"").append(report.outcome()).append("\"><td><span class=\"badge ")
                .append(report.outcome()).append("\">").append(report.outcome()).append("</span></td><td>");
        if (written) {
            out.append("<a href=\"");
            Html.escape(name + ".html", out).append("\">");
            Html.escape(report.displayName(), out).append("</a>");
        } else {
            Html.escape(report.displayName(), out).append(" <span class=\"tag\">page not written</span>");
        }
        out.append("<br><span class=\"muted mono\">");
        Html.escape(report.simpleClassName() + "#" + report.methodName(), out).append("</span></td><td>");
        if (report.primarySignature().isPresent()) {
            Signature primary = report.primarySignature().get();
            out.append("<strong>").append(primary.bugClass()).append("</strong> <span class=\"conf\">")
                    .append(String.format(Locale.ROOT, "%.2f", primary.confidence())).append("</span>");
        } else {
            out.append("<span class=\"muted\">&ndash;</span>");
        }
        if (!report.evidenceComplete()) {
            out.append(" <span class=\"tag\">evidence pending</span>");
        }
        out.append("</td><td>");
        Html.escape(report.pressure(), out).append("</td><td class=\"num\">").append(ReportPage.seconds(report.duration()))
                .append("</td></tr>\n");
    }

    private static int rank(Outcome outcome) {
        return switch (outcome) {
            case FAILED -> 0;
            case ABORTED -> 1;
            case PASSED -> 2;
        };
    }
}
