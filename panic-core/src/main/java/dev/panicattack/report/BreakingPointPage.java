package dev.panicattack.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.panicattack.breakingpoint.BreakCause;
import dev.panicattack.breakingpoint.BreakingAxis;
import dev.panicattack.breakingpoint.BreakingPointResult;
import dev.panicattack.breakingpoint.LevelRecord;
import dev.panicattack.breakingpoint.PassRate;
import dev.panicattack.breakingpoint.SearchSettings;
import dev.panicattack.constraint.DurationText;

/**
 * Writes a breaking-point search's report as {@code breaking-point-<test>.html} (one self-contained page
 * in the look of the test reports: the pass rate against the level with Wilson intervals, the breaking
 * point and its interval marked, every level tried, and the cause and proof at the first failing level)
 * and {@code breaking-point-<test>.json} beside it. {@link RunIndex} lists the pages it finds in its
 * directory. Writing the same test again replaces both files atomically. Immutable and thread-safe.
 */
public final class BreakingPointPage {

    /** The start of every breaking-point file name. */
    public static final String FILE_PREFIX = "breaking-point-";

    private static final String SUMMARY_META = "panic-attack-breaking-point";
    private static final Pattern META = Pattern.compile(
            "<meta name=\"" + SUMMARY_META + "\" data-status=\"([A-Z_]+)\" content=\"([^\"]*)\">");

    /** Decision colours for the table, beside the page's shared style. */
    private static final String CSS = """
            .badge.FOUND,.badge.BROKEN_AT_START{background:var(--FAILED)}.badge.NO_BREAK_IN_RANGE{background:var(--PASSED)}
            .badge.UNDECIDED{background:var(--ABORTED)}
            .decision{font-weight:700;font-size:12px;letter-spacing:.05em}
            .decision.PASSES{color:#1a7f37}.decision.FAILS{color:#b42318}.decision.FLAKY{color:#9a6700}\
            .decision.UNDECIDED{color:#57606a}
            tr.FLAKY td:first-child{box-shadow:inset 4px 0 0 #bf8700}tr.FAILS td:first-child{box-shadow:inset 4px 0 0 var(--FAILED)}
            tr.PASSES td:first-child{box-shadow:inset 4px 0 0 var(--PASSED)}
            """;

    private final Path directory;

    private BreakingPointPage(Path directory) {
        this.directory = directory;
    }

    /** A writer into {@code directory}, created when the first page is written. */
    public static BreakingPointPage to(Path directory) {
        return new BreakingPointPage(Objects.requireNonNull(directory, "directory"));
    }

    public Path directory() {
        return directory;
    }

    /**
     * The file name, without extension, of the report of {@code testName} ({@code OrderServiceTest.checkout}
     * becomes {@code breaking-point-OrderServiceTest.checkout}): only ASCII letters, digits, {@code .},
     * {@code _} and {@code -} remain.
     */
    public static String baseName(String testName) {
        StringBuilder name = new StringBuilder(FILE_PREFIX);
        ReportFileNames.sanitise(testName, name);
        return name.toString();
    }

    /**
     * Writes (or atomically replaces) the page and the JSON of {@code result}.
     *
     * @param testName the test searched, as people read it: {@code OrderServiceTest.checkout}
     * @throws UncheckedIOException when the directory cannot be created or a file cannot be written
     */
    public ReportFiles write(String testName, BreakingPointResult result) {
        Objects.requireNonNull(testName, "testName");
        Objects.requireNonNull(result, "result");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the report directory " + directory.toAbsolutePath()
                    + " for the breaking point of " + testName + "; check that it is a writable directory", e);
        }
        String name = baseName(testName);
        Path json = directory.resolve(name + ".json");
        Path html = directory.resolve(name + ".html");
        ReportWriter.replace(json, BreakingPointJson.encode(testName, result));
        ReportWriter.replace(html, render(testName, name, result));
        return new ReportFiles(json, html);
    }

    static String render(String testName, String baseName, BreakingPointResult result) {
        String status = result.status().name();
        StringBuilder out = new StringBuilder(32 * 1024);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"").append(SUMMARY_META).append("\" data-status=\"").append(status)
                .append("\" content=\"");
        Html.escape(result.headline(), out).append("\">\n<title>");
        Html.escape("breaking point of " + testName + " - panic-attack", out);
        out.append("</title>\n<style>\n").append(ReportStyle.CSS).append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
        header(testName, result, out);
        curve(result, out);
        levels(result, out);
        cause(result, out);
        undecided(result, out);
        out.append("<footer>panic-attack breaking-point report, schema ").append(BreakingPointJson.SCHEMA)
                .append(". All data: <a href=\"");
        Html.escape(baseName + ".json", out).append("\">");
        Html.escape(baseName + ".json", out).append("</a>.</footer>\n</main>\n</body>\n</html>\n");
        return out.toString();
    }

    private static void header(String testName, BreakingPointResult result, StringBuilder out) {
        String status = result.status().name();
        BreakingAxis axis = result.axis();
        SearchSettings settings = result.settings();
        String outcome = switch (result.status()) {
            case FOUND, BROKEN_AT_START -> "FAILED";
            case NO_BREAK_IN_RANGE -> "PASSED";
            case UNDECIDED -> "ABORTED";
        };
        out.append("<header class=\"card\" style=\"--outcome:var(--").append(outcome).append(")\">\n")
                .append("<span class=\"badge ").append(status).append("\" id=\"status\">")
                .append(status.replace('_', ' ')).append("</span>\n<h1 id=\"summary\">");
        Html.escape(result.headline(), out).append("</h1>\n<p class=\"sub mono\">");
        Html.escape(testName, out).append("</p>\n<dl class=\"meta\">\n");
        meta("Axis", axis.key() + (axis.forked() ? " (a JVM per trial)" : ""), out);
        meta("Range", axis.format(settings.from()) + " to " + axis.format(settings.to()) + ", resolution "
                + axis.format(settings.resolution()), out);
        result.level().ifPresent(level -> meta("Breaking point", level.describe(), out));
        if (result.low().isPresent() || result.high().isPresent()) {
            // on an axis that breaks below, the low end is the one decided failing
            String lowRole = axis.breaksBelow() ? "breaks at " : "passes at ";
            String highRole = axis.breaksBelow() ? "passes at " : "breaks at ";
            meta("Interval", result.low().map(level -> lowRole + axis.format(level.value())).orElse("")
                    + (result.low().isPresent() && result.high().isPresent() ? ", " : "")
                    + result.high().map(level -> highRole + axis.format(level.value())).orElse(""), out);
        }
        meta("Confidence", String.format(Locale.ROOT, "%s (each of %d decisions wrong with probability at most %.2f%%)",
                percent(result.confidence()), result.decidedLevels(), result.levelErrorRate() * 100), out);
        meta("A level passes", String.format(Locale.ROOT, "when it fails at most %s of trials; breaks when it fails"
                + " at least %s", rate(settings.passingFailureRate()), rate(settings.breakingFailureRate())), out);
        settings.requireAbove().ifPresent(bound -> meta("Require above", axis.format(bound)
                + (result.violates() ? ": violated, the test fails at or below it" : ": held"), out));
        settings.requireBelow().ifPresent(bound -> meta("Require below", axis.format(bound)
                + (result.violates() ? ": violated, the test fails at or above it" : ": held"), out));
        meta("Trials", result.trials() + " of at most " + settings.maxTrials() + ", up to " + settings.maxRepeats()
                + " per level", out);
        meta("Wall time", ReportPage.seconds(result.wallTime()) + " of a budget of "
                + DurationText.format(settings.wallBudget()), out);
        result.stoppedBy().ifPresent(stop -> meta("Stopped by", stop, out));
        out.append("</dl>\n<nav class=\"toc\"><a href=\"#curve\">Pass rate</a><a href=\"#levels\">Levels</a>")
                .append("<a href=\"#cause\">Cause</a></nav>\n</header>\n");
    }

    private static void curve(BreakingPointResult result, StringBuilder out) {
        out.append("<section id=\"curve\">\n<h2>Pass rate against ");
        Html.escape(result.axis().label(), out).append("</h2>\n<figure class=\"card chart\" id=\"chart-pass-rate\""
                + " data-chart=\"pass-rate\">\n<h3>Pass rate (%)</h3>\n<figcaption>Each point is one level tried: the"
                + " share of its trials that passed, coloured by the decision, with its 95% Wilson interval. The"
                + " shaded band is the interval holding the breaking point; the dashed line its estimate.")
                .append("</figcaption>\n");
        PassRateChart.render(result, out);
        out.append("</figure>\n</section>\n");
    }

    private static void levels(BreakingPointResult result, StringBuilder out) {
        out.append("<section id=\"levels\">\n<h2>Levels</h2>\n");
        if (result.levels().isEmpty()) {
            out.append("<p class=\"nodata\">No level was tried.</p>\n</section>\n");
            return;
        }
        out.append("<table class=\"card\" id=\"level-table\"><thead><tr><th>level</th><th class=\"num\">trials</th>"
                + "<th class=\"num\">passed</th><th class=\"num\">failed</th><th class=\"num\">pass rate</th>"
                + "<th class=\"num\">95% Wilson</th><th>decision</th></tr></thead><tbody>\n");
        for (LevelRecord record : result.levels()) {
            PassRate rate = record.passRate();
            out.append("<tr class=\"").append(record.decision()).append("\"><td>");
            Html.escape(record.level().describe(), out).append("</td><td class=\"num\">").append(record.trials())
                    .append("</td><td class=\"num\">").append(record.passes()).append("</td><td class=\"num\">")
                    .append(record.failures()).append("</td><td class=\"num\">")
                    .append(rate.trials() == 0 ? "&ndash;" : percent(rate.estimate())).append("</td><td class=\"num\">")
                    .append(percent(rate.low())).append(" &ndash; ").append(percent(rate.high()))
                    .append("</td><td><span class=\"decision ").append(record.decision()).append("\">")
                    .append(record.decision()).append("</span></td></tr>\n");
        }
        out.append("</tbody></table>\n</section>\n");
    }

    private static void cause(BreakingPointResult result, StringBuilder out) {
        out.append("<section id=\"cause\">\n<h2>Cause at the first failing level</h2>\n");
        if (result.cause().isEmpty()) {
            out.append("<p class=\"nodata\">No level was decided failing, so there is no cause to show.</p>\n</section>\n");
            return;
        }
        BreakCause cause = result.cause().get();
        out.append("<article class=\"card sig primary\">\n<div class=\"sig-head\"><span class=\"sig-class\">");
        Html.escape(cause.cause(), out).append("</span><span class=\"tag\">at ");
        Html.escape(result.axis().format(cause.level().value()), out).append("</span></div>\n<p class=\"muted\">")
                .append(cause.count()).append(" failed trial").append(cause.count() == 1 ? "" : "s")
                .append(" at this level had this cause.</p>\n");
        if (cause.proof().isEmpty()) {
            out.append("<p class=\"nodata\">No proof was recorded.</p>\n");
        } else {
            out.append("<h3>Proof</h3>\n");
            for (String proof : cause.proof()) {
                out.append("<pre class=\"proof\">");
                Html.escape(proof, out).append("</pre>\n");
            }
        }
        out.append("</article>\n</section>\n");
    }

    private static void undecided(BreakingPointResult result, StringBuilder out) {
        if (result.undecided().isEmpty()) {
            return;
        }
        out.append("<section id=\"undecided\">\n<h2>Not decided</h2>\n<ul class=\"card\">\n");
        for (String item : result.undecided()) {
            out.append("<li>");
            Html.escape(item, out).append("</li>\n");
        }
        out.append("</ul>\n</section>\n");
    }

    private static void meta(String term, String value, StringBuilder out) {
        out.append("<dt>").append(term).append("</dt><dd>");
        Html.escape(value, out).append("</dd>\n");
    }

    private static String percent(double rate) {
        return Math.round(rate * 100) + "%";
    }

    /** A failure rate as a percentage without needless decimals: {@code 0.5%}, {@code 30%}. */
    private static String rate(double rate) {
        return new BigDecimal(Double.toString(rate * 100)).stripTrailingZeros().toPlainString() + "%";
    }

    /** A breaking-point page found in a report directory, for the run index. */
    record Listed(String fileName, String status, String summary) {
    }

    /** The breaking-point pages in {@code directory}, by file name; a page without its summary line is skipped. */
    static List<Listed> listed(Path directory) {
        List<Listed> pages = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return pages;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, FILE_PREFIX + "*.html")) {
            for (Path file : files) {
                summaryOf(file).ifPresent(pages::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the breaking-point pages in " + directory.toAbsolutePath()
                    + "; check the directory's permissions", e);
        }
        pages.sort(Comparator.comparing(Listed::fileName));
        return pages;
    }

    private static Optional<Listed> summaryOf(Path page) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(page, StandardCharsets.UTF_8)) {
            for (int line = 0; line < 6; line++) {
                String text = reader.readLine();
                if (text == null) {
                    break;
                }
                Matcher meta = META.matcher(text);
                if (meta.matches()) {
                    return Optional.of(new Listed(page.getFileName().toString(), meta.group(1), unescape(meta.group(2))));
                }
            }
        }
        return Optional.empty();
    }

    /** The inverse of {@link Html#escape(String)} for the five characters it escapes. */
    private static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }
}
