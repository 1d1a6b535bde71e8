package dev.panicattack.report;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import dev.panicattack.evidence.Fact;
import dev.panicattack.forecast.ExhaustionForecast;
import dev.panicattack.forecast.HeapNeed;
import dev.panicattack.pressure.PressureChange;
import dev.panicattack.pressure.PressureSource;
import dev.panicattack.signature.BugClass;
import dev.panicattack.signature.Remedy;
import dev.panicattack.signature.Signature;

/** Renders one {@link TrialReport} as a self-contained HTML page (inline CSS and SVG, no script). */
final class ReportPage {

    /** Evidence facts listed under each signature; all of them are in the JSON. */
    private static final int EVIDENCE_SHOWN = 200;

    private static final DateTimeFormatter STARTED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private ReportPage() {
    }

    static String render(TrialReport report, String baseName, int maxPoints) {
        StringBuilder out = new StringBuilder(64 * 1024);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
        Html.escape(report.outcome() + " " + report.simpleClassName() + "." + report.methodName() + " - panic-attack",
                out);
        out.append("</title>\n<style>\n").append(ReportStyle.CSS).append("</style>\n</head>\n<body>\n<main>\n");
        header(report, out);
        if (!report.evidenceComplete()) {
            out.append("<div class=\"banner\" role=\"status\" id=\"evidence-incomplete\"><strong>Evidence incomplete."
                    + "</strong> Flight Recorder data was still pending when this page was written. Signatures,"
                    + " charts and the facts below may change; the page is rewritten when the data arrives.</div>\n");
        }
        signatures(report, out);
        remedies(report, out);
        failure(report, out);
        assailFindings(report, out);
        EvidenceCharts evidence = EvidenceCharts.of(report);
        timelines(report, evidence, maxPoints, out);
        threadDump(report, out);
        factsSummary(report, evidence, baseName, out);
        out.append("<footer>panic-attack report, schema ").append(ReportJson.SCHEMA).append(". All evidence: <a href=\"");
        Html.escape(baseName + ".json", out).append("\">");
        Html.escape(baseName + ".json", out).append("</a>.</footer>\n</main>\n</body>\n</html>\n");
        return out.toString();
    }

    private static void header(TrialReport report, StringBuilder out) {
        out.append("<header class=\"card\" style=\"--outcome:var(--").append(report.outcome()).append(")\">\n")
                .append("<span class=\"badge ").append(report.outcome()).append("\" id=\"outcome\">")
                .append(report.outcome()).append("</span>\n<h1 id=\"test-name\">");
        Html.escape(report.displayName(), out).append("</h1>\n<p class=\"sub mono\">");
        Html.escape(report.className() + "#" + report.methodName(), out).append("</p>\n<dl class=\"meta\">\n");
        report.primarySignature().ifPresent(signature -> {
            out.append("<dt>Diagnosis</dt><dd><strong>");
            Html.escape(signature.headline(), out).append("</strong></dd>\n");
        });
        meta("Duration", seconds(report.duration()), out);
        meta("Started", STARTED.format(report.startedAt()), out);
        meta("Pressure", report.pressure(), out);
        if (!report.pressureSources().isEmpty()) {
            meta("Pressure from", report.pressureSources().stream().map(PressureSource::describe)
                    .collect(java.util.stream.Collectors.joining(", then ")), out);
        }
        meta("Achieved", report.achieved().isEmpty() ? "not measured" : report.achieved(), out);
        ExhaustionForecast.in(report.facts()).ifPresent(forecast -> meta("Heap forecast", forecast.describe(), out));
        HeapNeed.in(report.facts()).ifPresent(need -> meta("Heap needed", need.describe(), out));
        meta("Evidence", report.evidenceComplete() ? "complete" : "incomplete (Flight Recorder data pending)", out);
        report.seed().ifPresent(seed -> meta("Seed", seed, out));
        out.append("<dt>Test id</dt><dd class=\"mono\">");
        Html.escape(report.testId(), out).append("</dd>\n</dl>\n<nav class=\"toc\">")
                .append("<a href=\"#diagnosis\">Diagnosis</a>")
                .append(report.signatures().isEmpty() ? "" : "<a href=\"#remedy\">Where the fix belongs</a>")
                .append("<a href=\"#failure\">Failure</a>")
                .append("<a href=\"#timelines\">Timelines</a><a href=\"#thread-dump\">Thread dump</a>")
                .append("<a href=\"#evidence\">Evidence</a></nav>\n</header>\n");
    }

    private static void meta(String term, String value, StringBuilder out) {
        out.append("<dt>").append(term).append("</dt><dd>");
        Html.escape(value, out).append("</dd>\n");
    }

    private static void signatures(TrialReport report, StringBuilder out) {
        out.append("<section id=\"diagnosis\">\n<h2>Diagnosis</h2>\n");
        if (report.signatures().isEmpty()) {
            out.append("<p class=\"nodata\">No signature was derived from the evidence")
                    .append(report.evidenceComplete() ? "." : " yet (evidence is incomplete).").append("</p>\n");
        }
        for (int i = 0; i < report.signatures().size(); i++) {
            Signature signature = report.signatures().get(i);
            out.append("<article class=\"card sig").append(i == 0 ? " primary" : "").append("\">\n")
                    .append("<div class=\"sig-head\"><span class=\"sig-class\">").append(signature.bugClass())
                    .append("</span><span class=\"meter\" title=\"confidence\"><span style=\"width:")
                    .append(Math.round(signature.confidence() * 100)).append("%\"></span></span>")
                    .append("<span class=\"conf\">confidence ")
                    .append(String.format(Locale.ROOT, "%.2f", signature.confidence())).append("</span>")
                    .append(i == 0 ? "<span class=\"tag\">primary</span>" : "").append("</div>\n")
                    .append("<p class=\"muted\">").append(Html.escape(describe(signature.bugClass()))).append("</p>\n")
                    .append("<h3>Proof</h3>\n");
            for (String proof : signature.proofs()) {
                out.append("<pre class=\"proof\">");
                Html.escape(proof, out).append("</pre>\n");
            }
            List<Fact> evidence = signature.evidence();
            if (!evidence.isEmpty()) {
                out.append("<details><summary>").append(evidence.size()).append(" evidence fact")
                        .append(evidence.size() == 1 ? "" : "s").append(" this rests on</summary><pre>");
                for (int f = 0; f < Math.min(EVIDENCE_SHOWN, evidence.size()); f++) {
                    Html.escape(evidence.get(f).toString(), out).append('\n');
                }
                if (evidence.size() > EVIDENCE_SHOWN) {
                    out.append("... and ").append(evidence.size() - EVIDENCE_SHOWN).append(" more in the JSON\n");
                }
                out.append("</pre></details>\n");
            }
            out.append("</article>\n");
        }
        out.append("</section>\n");
    }

    /** For each signature, primary first: the action, the code locations and their parts, what was not located, the grounds. */
    private static void remedies(TrialReport report, StringBuilder out) {
        if (report.signatures().isEmpty()) {
            return;
        }
        out.append("<section id=\"remedy\">\n<h2>Where the fix belongs</h2>\n");
        for (Signature signature : report.signatures()) {
            Remedy remedy = signature.remedy();
            out.append("<article class=\"card remedy\" data-class=\"").append(signature.bugClass()).append("\">\n")
                    .append("<div class=\"sig-head\"><span class=\"sig-class\">").append(signature.bugClass())
                    .append("</span></div>\n<p class=\"action\">");
            Html.escape(remedy.action(), out).append("</p>\n");
            if (remedy.located()) {
                out.append("<ul class=\"sites\">\n");
                for (Remedy.Site site : remedy.sites()) {
                    out.append("<li><code class=\"mono\">");
                    Html.escape(site.location(), out).append("</code>: ");
                    Html.escape(site.role(), out).append("</li>\n");
                }
                out.append("</ul>\n");
            }
            if (!remedy.unlocated().isEmpty()) {
                out.append("<p class=\"muted unlocated\">Not located: ");
                Html.escape(remedy.unlocated(), out).append("</p>\n");
            }
            if (!remedy.grounds().isEmpty()) {
                out.append("<details><summary>").append(remedy.grounds().size()).append(" fact")
                        .append(remedy.grounds().size() == 1 ? "" : "s").append(" it rests on</summary><pre>");
                for (Fact fact : remedy.grounds()) {
                    Html.escape(fact.toString(), out).append('\n');
                }
                out.append("</pre></details>\n");
            }
            out.append("</article>\n");
        }
        out.append("</section>\n");
    }

    private static void failure(TrialReport report, StringBuilder out) {
        out.append("<section id=\"failure\">\n<h2>Failure</h2>\n");
        if (report.failure().isEmpty()) {
            out.append("<p class=\"nodata\">The test ").append(report.outcome() == Outcome.PASSED ? "passed" : "ended")
                    .append(" without an exception.</p>\n</section>\n");
            return;
        }
        FailureView failure = report.failure().get();
        out.append("<div class=\"card\">\n<p class=\"exc mono\">");
        Html.escape(failure.exceptionClass(), out).append("</p>\n");
        failure.message().ifPresent(message -> {
            out.append("<pre class=\"message\">");
            Html.escape(message, out).append("</pre>\n");
        });
        out.append("<details open><summary>Stack trace</summary><pre class=\"stack\">");
        Html.escape(failure.stackTrace(), out).append("</pre></details>\n");
        for (FailureView.Cause cause : failure.causes()) {
            out.append("<details><summary>Caused by: <span class=\"mono\">");
            Html.escape(cause.message().map(m -> cause.exceptionClass() + ": " + m).orElse(cause.exceptionClass()), out)
                    .append("</span></summary><pre class=\"stack\">");
            Html.escape(cause.stackTrace(), out).append("</pre></details>\n");
        }
        out.append("</div>\n</section>\n");
    }

    /** Only for a test run with {@code @Assail}: each finding, its location, and the axes it chose. */
    private static void assailFindings(TrialReport report, StringBuilder out) {
        List<AssailFindings.Row> rows = AssailFindings.of(report.facts());
        if (rows.isEmpty()) {
            return;
        }
        out.append("<section id=\"assail\">\n<h2>Assail findings</h2>\n<p class=\"muted\">What the static scan found"
                + " before the test, and which pressure axes each finding chose.</p>\n")
                .append("<table class=\"card\" id=\"assail-findings\"><thead><tr><th>category</th><th>location</th>"
                        + "<th>detail</th><th>axes</th><th>chosen</th></tr></thead><tbody>\n");
        for (AssailFindings.Row row : rows) {
            out.append("<tr><td class=\"mono\">");
            Html.escape(row.category(), out).append("</td><td class=\"mono\">");
            Html.escape(row.location(), out).append("</td><td>");
            Html.escape(row.detail(), out).append("</td><td class=\"mono\">");
            Html.escape(row.axes(), out).append("</td><td>");
            Html.escape(String.join("; ", row.chosen()), out).append("</td></tr>\n");
        }
        out.append("</tbody></table>\n</section>\n");
    }

    private static void timelines(TrialReport report, EvidenceCharts evidence, int maxPoints, StringBuilder out) {
        double end = report.duration().toNanos() / 1e9;
        double dataEnd = evidence.charts().stream().mapToDouble(SvgChart::maxX).max().orElse(0);
        // the axis ends where the test (or its last evidence) ends, so no chart has an empty tail
        double xMax = Math.max(end, dataEnd) > 0 ? Math.max(end, dataEnd) : 1;
        out.append("<section id=\"timelines\">\n<h2>Timelines</h2>\n")
                .append("<p class=\"muted\">One chart per unit, each with its own y axis; all share one time axis:"
                        + " seconds since the test started. The dashed vertical line is the end of the test.</p>\n");
        pressureChanges(report, out);
        if (evidence.charts().isEmpty()) {
            out.append("<p class=\"nodata\">No data: no pressure trace and no charted facts (memory, CPU, thread"
                    + " states, collections) were recorded.</p>\n");
        }
        for (SvgChart chart : evidence.charts()) {
            out.append("<figure class=\"card chart\" id=\"chart-").append(chart.id()).append("\" data-chart=\"")
                    .append(chart.id()).append("\">\n<h3>");
            Html.escape(chart.title(), out).append("</h3>\n<figcaption>").append(caption(chart.id()))
                    .append("</figcaption>\n");
            chart.render(xMax, end > 0 ? end : Double.NaN, maxPoints, out);
            out.append("</figure>\n");
        }
        out.append("</section>\n");
    }

    /** The changes a test made in code, when it made any: they explain the steps in the pressure charts. */
    private static void pressureChanges(TrialReport report, StringBuilder out) {
        if (report.pressureChanges().isEmpty()) {
            return;
        }
        out.append("<table class=\"card\" id=\"pressure-changes\"><caption>Pressure changed in code</caption>")
                .append("<thead><tr><th class=\"num\">at (s)</th><th>axis</th><th>change</th></tr></thead><tbody>\n");
        for (PressureChange change : report.pressureChanges()) {
            out.append("<tr><td class=\"num\">").append(time(change.at().toNanos() / 1e9)).append("</td><td class=\"mono\">");
            Html.escape(change.axis(), out).append("</td><td>");
            Html.escape(change.description(), out).append("</td></tr>\n");
        }
        out.append("</tbody></table>\n");
    }

    private static void threadDump(TrialReport report, StringBuilder out) {
        out.append("<section id=\"thread-dump\">\n<h2>Thread dump at failure</h2>\n");
        if (report.threadDump().isEmpty()) {
            out.append("<p class=\"nodata\">No thread dump was taken.</p>\n</section>\n");
            return;
        }
        String dump = report.threadDump().get();
        long lines = dump.lines().count();
        out.append("<details class=\"card\"><summary>Show the thread dump (").append(lines).append(" line")
                .append(lines == 1 ? "" : "s").append(")</summary><pre class=\"dump\">");
        Html.escape(dump, out).append("</pre></details>\n</section>\n");
    }

    private static void factsSummary(TrialReport report, EvidenceCharts evidence, String baseName,
            StringBuilder out) {
        out.append("<section id=\"evidence\">\n<h2>Evidence</h2>\n<p class=\"muted\">").append(report.facts().size())
                .append(" fact").append(report.facts().size() == 1 ? "" : "s")
                .append(" recorded; all of them are in <a href=\"");
        Html.escape(baseName + ".json", out).append("\">");
        Html.escape(baseName + ".json", out).append("</a>. Times are seconds since the test started.</p>\n");
        List<EvidenceCharts.PredicateSummary> summary = evidence.summary();
        if (summary.isEmpty()) {
            out.append("<p class=\"nodata\">No facts were recorded.</p>\n</section>\n");
            return;
        }
        List<EvidenceCharts.PredicateSummary> timed = summary.stream().filter(EvidenceCharts.PredicateSummary::timed)
                .toList();
        List<EvidenceCharts.PredicateSummary> untimed = summary.stream().filter(row -> !row.timed()).toList();
        if (!timed.isEmpty()) {
            out.append("<table class=\"card facts\" id=\"facts-timed\"><caption>Facts with a time</caption><thead><tr>"
                    + "<th>predicate</th><th class=\"num\">count</th><th class=\"num\">first (s)</th>"
                    + "<th class=\"num\">last (s)</th></tr></thead><tbody>\n");
            for (EvidenceCharts.PredicateSummary row : timed) {
                out.append("<tr><td class=\"mono\">");
                Html.escape(row.predicate(), out).append("</td><td class=\"num\">").append(row.count())
                        .append("</td><td class=\"num\">").append(time(row.firstSeconds()))
                        .append("</td><td class=\"num\">").append(time(row.lastSeconds())).append("</td></tr>\n");
            }
            out.append("</tbody></table>\n");
        }
        if (!untimed.isEmpty()) {
            out.append("<table class=\"card facts\" id=\"facts-untimed\"><caption>Facts without a time</caption><thead>"
                    + "<tr><th>predicate</th><th class=\"num\">count</th></tr></thead><tbody>\n");
            for (EvidenceCharts.PredicateSummary row : untimed) {
                out.append("<tr><td class=\"mono\">");
                Html.escape(row.predicate(), out).append("</td><td class=\"num\">").append(row.count())
                        .append("</td></tr>\n");
            }
            out.append("</tbody></table>\n");
        }
        out.append("</section>\n");
    }

    private static String time(double seconds) {
        return Double.isNaN(seconds) ? "&ndash;" : String.format(Locale.ROOT, "%.3f", seconds);
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.3f s", duration.toNanos() / 1e9);
    }

    private static String caption(String chartId) {
        return switch (chartId) {
            case "percent" -> "CPU use of the machine, this process and this JVM, and each percent axis's pressure:"
                    + " target dashed, achieved solid.";
            case "bytes" -> "Heap in use. The ballast (dashed) is the load panic-attack adds; the subject heap is the"
                    + " test's own use. A subject line that climbs across collections suggests retention.";
            case "threads" -> "Live threads by state at each sample, stacked. Growing BLOCKED with no RUNNABLE"
                    + " progress suggests a deadlock or stall.";
            case "milliseconds" -> "Each bar is one collection pause at the time it happened, by collector; lines"
                    + " are a latency axis's target (dashed) and achieved level.";
            case "collections" -> "Collections so far, by collector (drawn when no pause was recorded).";
            default -> "Target (dashed) and achieved level (solid) of each axis in this unit.";
        };
    }

    /** One line on what the class means, so a reader need not look it up. */
    static String describe(BugClass bugClass) {
        return switch (bugClass) {
            case DEADLOCK -> "Threads in a cycle, each waiting for a monitor or lock another one holds.";
            case STALL -> "No progress: the test's threads wait indefinitely, with no lock cycle.";
            case LOCK_CONTENTION -> "Progress, but time is dominated by waiting to enter monitors or locks.";
            case DATA_RACE -> "Unsynchronised shared state: lost updates, corrupted results or concurrent modification.";
            case MEMORY_LEAK -> "The subject's retained heap, or metaspace, grows steadily across collections.";
            case HEAP_EXHAUSTION -> "OutOfMemoryError from allocation demand, not gradual retention.";
            case GC_THRASHING -> "Most time spent in garbage collection with little reclaimed.";
            case UNBOUNDED_RECURSION -> "StackOverflowError, or recursion depth that grows with the input.";
            case THREAD_POOL_SATURATION -> "Tasks rejected or queued without bound: a pool's workers are all busy or"
                    + " blocked.";
            case THREAD_LEAK -> "Live threads grow during the test and outlive it.";
            case RESOURCE_LEAK -> "Handles, connections, permits or pooled objects taken and never returned.";
            case MISSING_TIMEOUT -> "A blocking call waits far beyond any reasonable bound under latency.";
            case CPU_STARVATION -> "Work misses its time budget because it did not get CPU, with no locking or I/O"
                    + " defect.";
            case DISK_FULL_UNHANDLED -> "An I/O failure for lack of space, or a slow disk, escapes or corrupts state.";
            case MALFORMED_INPUT_CRASH -> "Input data makes the code throw an unexpected runtime exception.";
        };
    }
}
