package dev.panicattack.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.panicattack.pressure.PressureChange;

/**
 * What a person looks at is checked as a person sees it: a real headless Chromium parses and paints
 * the deadlock report. The page and its screenshot stay in {@code target/report-browser/} for review.
 * Tagged {@code browser}: the build runs it with {@code -Pbrowser}, as {@code .ci/run} does.
 */
@Tag("browser")
class ReportBrowserTest {

    private static final Path CHROMIUM = HeadlessChromium.EXECUTABLE;
    private static final Path OUTPUT = Path.of("target", "report-browser").toAbsolutePath();

    private static ReportFiles files;

    @TempDir
    Path profile;

    @BeforeAll
    static void writeTheReport() {
        if (!Files.isExecutable(CHROMIUM)) {
            fail("this test renders the report in a real browser but " + CHROMIUM
                    + " is missing; install Debian's chromium: apt-get install chromium");
        }
        files = ReportWriter.to(OUTPUT).write(SampleReports.deadlock());
    }

    @Test
    void theBrowserParsesEverySectionAndChart() throws IOException, InterruptedException {
        Path dom = OUTPUT.resolve("deadlock-report.dom.html");
        Files.deleteIfExists(dom);

        HeadlessChromium.run(profile, dom, "--dump-dom", files.html().toUri().toString());

        String rendered = Files.readString(dom, StandardCharsets.UTF_8);
        assertThat(rendered).as("DOM dumped by Chromium").contains("<span class=\"sig-class\">DEADLOCK</span>",
                "<strong>DEADLOCK (confidence 0.97)</strong>", "confidence 0.97",
                "   ├─ waits_for(\"worker-1\", \"worker-2\")\n   │  ├─ blocked_on(\"worker-1\", \"Account@3f2a\", 6310)",
                "transfer() moves money between two accounts", "java.util.concurrent.TimeoutException",
                "<summary>Show the thread dump (11 lines)</summary>");
        String remedy = section(rendered, "remedy");
        assertThat(remedy).as("the remedy section").contains("<h2>Where the fix belongs</h2>",
                "<p class=\"action\">take Account@7c11 and Account@3f2a in one global order at every site below, or take"
                        + " the second with tryLock(timeout) and release the first when it fails</p>",
                "<li><code class=\"mono\">com.acme.bank.Account.transfer(Account.java:41)</code>: thread \"worker-1\" waits"
                        + " here for Account@3f2a while holding Account@7c11</li>",
                "<li><code class=\"mono\">com.acme.bank.Account.refund(Account.java:63)</code>: thread \"worker-2\" waits"
                        + " here for Account@7c11 while holding Account@3f2a</li>",
                "<summary>2 facts it rests on</summary>",
                "<p class=\"muted unlocated\">Not located: no sample showed where the threads wait for the contended lock</p>");
        assertThat(rendered).as("the header links the remedy section").contains("<a href=\"#remedy\">Where the fix belongs</a>");
        for (String chart : List.of("percent", "bytes", "threads", "milliseconds")) {
            String figure = figure(rendered, chart);
            Matcher plot = Pattern.compile("<svg class=\"plot\"(.*?)</svg>", Pattern.DOTALL).matcher(figure);
            assertThat(plot.find()).as("plot <svg> of chart %s", chart).isTrue();
            assertThat(plot.group(1)).as("chart %s draws data", chart).containsAnyOf("<polyline", "<path");
            assertThat(figure).as("chart %s has a legend", chart).contains("<ul class=\"legend\"><li>");
        }
        assertThat(rendered).as("no element refers to the network").doesNotContain("http:", "https:", "//cdn");
        List<String> references = new ArrayList<>();
        Matcher reference = Pattern.compile("(?:src|href|xlink:href|action)=\"([^\"]*)\"").matcher(rendered);
        while (reference.find()) {
            references.add(reference.group(1));
        }
        assertThat(references).isNotEmpty().allSatisfy(link -> assertThat(link).matches("#[a-z-]+|[A-Za-z0-9._~-]+"));
    }

    @Test
    void everyLineWhoseEvidenceVariesIsDrawnVaryingOnTheChartOfItsUnit() throws IOException, InterruptedException {
        Path dom = OUTPUT.resolve("deadlock-report.lines.dom.html");
        Files.deleteIfExists(dom);

        HeadlessChromium.run(profile, dom, "--dump-dom", files.html().toUri().toString());

        String rendered = Files.readString(dom, StandardCharsets.UTF_8);
        List<String> checked = new ArrayList<>();
        for (SvgChart chart : EvidenceCharts.of(SampleReports.deadlock()).charts()) {
            String figure = figure(rendered, chart.id());
            for (Series series : chart.lines()) {
                Matcher line = Pattern.compile("<polyline [^>]*points=\"([^\"]*)\"><title>"
                        + Pattern.quote(text(series.label())) + "</title>").matcher(figure);
                assertThat(line.find()).as("line %s on chart %s", series.label(), chart.id()).isTrue();
                Set<String> drawnHeights = new HashSet<>();
                for (String point : line.group(1).split(" ")) {
                    drawnHeights.add(point.substring(point.indexOf(',') + 1));
                }
                boolean varies = Arrays.stream(series.y()).distinct().count() > 1;
                assertThat(drawnHeights.size() > 1).as("line %s on chart %s varies as its evidence does (%s)",
                        series.label(), chart.id(), drawnHeights.size() <= 3 ? drawnHeights : "many heights")
                        .isEqualTo(varies);
                checked.add(chart.id() + ": " + series.label());
            }
        }
        assertThat(checked).contains("percent: memory achieved", "percent: process CPU (process_cpu)",
                "bytes: heap-ballast achieved", "bytes: ballast (panic-attack's)", "bytes: subject heap (yours)");
    }

    @Test
    void theHeapChartShowsBytesOnAnAxisOfItsOwn() throws IOException, InterruptedException {
        Path dom = OUTPUT.resolve("deadlock-report.bytes.dom.html");
        Files.deleteIfExists(dom);

        HeadlessChromium.run(profile, dom, "--dump-dom", files.html().toUri().toString());

        String bytes = figure(Files.readString(dom, StandardCharsets.UTF_8), "bytes");
        assertThat(bytes).contains("<h3>Memory (MiB)</h3>", ">memory (MiB)</text>");
        List<Long> ticks = new ArrayList<>();
        Matcher tick = Pattern.compile("text-anchor=\"end\">(\\d+)</text>").matcher(bytes);
        while (tick.find()) {
            ticks.add(Long.parseLong(tick.group(1)));
        }
        // the sample's heap reaches about 500 MiB of a 512 MiB maximum
        assertThat(ticks).as("y ticks in MiB").startsWith(0L).last().isIn(500L, 600L);
        Matcher heapUsed = Pattern.compile("points=\"([^\"]*)\"><title>heap used \\(total\\)</title>").matcher(bytes);
        assertThat(heapUsed.find()).as("heap used line").isTrue();
        double highest = Arrays.stream(heapUsed.group(1).split(" "))
                .mapToDouble(point -> Double.parseDouble(point.substring(point.indexOf(',') + 1))).min().orElseThrow();
        assertThat(highest).as("top of the heap used line, in SVG y (plot from 18 at the top to 236 at zero)")
                .isLessThan(60);
    }

    @Test
    void theScreenshotShowsAPaintedPageAtTheRequestedSize() throws IOException, InterruptedException {
        Path png = OUTPUT.resolve("deadlock-report.png");
        Files.deleteIfExists(png);

        HeadlessChromium.run(profile, null, "--screenshot=" + png, "--window-size=1280,2000", "--hide-scrollbars",
                "--force-device-scale-factor=1", files.html().toUri().toString());

        assertThat(png).as("screenshot written by Chromium").isRegularFile();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(image.getHeight()).isEqualTo(2000);
        Set<Integer> colours = new HashSet<>();
        long ink = 0;
        long failedBadge = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                int r = rgb >> 16 & 0xff;
                int g = rgb >> 8 & 0xff;
                int b = rgb & 0xff;
                if (r * 299 + g * 587 + b * 114 < 200_000) {
                    ink++;
                }
                if (Math.abs(r - 0xb4) < 12 && Math.abs(g - 0x23) < 12 && Math.abs(b - 0x18) < 12) {
                    failedBadge++;
                }
            }
        }
        long pixels = (long) image.getWidth() * image.getHeight();
        assertThat(colours.size()).as("distinct colours (text, charts, badges)").isGreaterThan(200);
        assertThat(ink * 100.0 / pixels).as("percent of dark pixels (text and lines)").isBetween(1.0, 40.0);
        assertThat(failedBadge).as("pixels of the red FAILED outcome colour").isGreaterThan(200);
    }

    @Test
    void theAssailFindingsSectionShowsEachFindingAndTheAxesItChose() throws IOException, InterruptedException {
        List<dev.panicattack.evidence.Fact> facts = new ArrayList<>(SampleReports.deadlock().facts());
        facts.add(dev.panicattack.evidence.Fact.of("static_finding_detail", "lock_order", "com.acme.Bank", "transfer",
                42, "takes com.acme.Bank.RIGHT while holding com.acme.Bank.LEFT; com.acme.Bank.refund:57 takes them"
                        + " in the opposite order", "CPU,CONCURRENCY"));
        facts.add(dev.panicattack.evidence.Fact.of("static_axis_chosen", "lock_order", "com.acme.Bank", "transfer", 42,
                "cpu", "applied"));
        facts.add(dev.panicattack.evidence.Fact.of("static_axis_chosen", "lock_order", "com.acme.Bank", "transfer", 42,
                "concurrency", "not applied: no concurrency stressor in this build"));
        ReportFiles assailed = ReportWriter.to(OUTPUT.resolve("assail")).write(SampleReports.deadlock().withFacts(facts));
        Path dom = OUTPUT.resolve("assail-report.dom.html");
        Files.deleteIfExists(dom);

        HeadlessChromium.run(profile, dom, "--dump-dom", assailed.html().toUri().toString());

        String rendered = Files.readString(dom, StandardCharsets.UTF_8);
        Matcher section = Pattern.compile("<section id=\"assail\">(.*?)</section>", Pattern.DOTALL).matcher(rendered);
        assertThat(section.find()).as("the Assail findings section in the DOM").isTrue();
        assertThat(section.group(1)).contains("<h2>Assail findings</h2>", "<td class=\"mono\">LOCK_ORDER</td>",
                "<td class=\"mono\">com.acme.Bank.transfer:42</td>", "CPU,CONCURRENCY",
                "cpu: applied; concurrency: not applied: no concurrency stressor in this build");
        assertThat(rendered.indexOf("id=\"assail\"")).as("after the failure, before the timelines")
                .isGreaterThan(rendered.indexOf("id=\"failure\"")).isLessThan(rendered.indexOf("id=\"timelines\""));
        assertThat(Files.readString(assailed.json())).contains("\"assailFindings\": [", "\"line\": 42",
                "\"cpu: applied\"");
    }

    @Test
    void thePressureChangedInCodeIsATableAboveTheCharts() throws IOException, InterruptedException {
        TrialReport report = SampleReports.deadlock().toBuilder().pressureChanges(List.of(
                new PressureChange(Duration.ofMillis(-20), "cpu", PressureChange.Action.SET, "cpu 30%"),
                new PressureChange(Duration.ofMillis(1250), "memory", PressureChange.Action.RAMP, "memory ramp 30% to 45% over 1s"),
                new PressureChange(Duration.ofMillis(2400), "all", PressureChange.Action.CLOSE, "all pressure closed"))).build();
        ReportFiles changed = ReportWriter.to(OUTPUT.resolve("in-code")).write(report);
        Path dom = OUTPUT.resolve("in-code-report.dom.html");
        Files.deleteIfExists(dom);

        HeadlessChromium.run(profile, dom, "--dump-dom", changed.html().toUri().toString());

        String rendered = Files.readString(dom, StandardCharsets.UTF_8);
        Matcher table = Pattern.compile("<table class=\"card\" id=\"pressure-changes\">(.*?)</table>", Pattern.DOTALL)
                .matcher(rendered);
        assertThat(table.find()).as("the pressure changes table in the DOM").isTrue();
        assertThat(table.group(1)).contains("<caption>Pressure changed in code</caption>",
                "<td class=\"num\">-0.020</td><td class=\"mono\">cpu</td><td>cpu 30%</td>",
                "<td class=\"num\">1.250</td><td class=\"mono\">memory</td><td>memory ramp 30% to 45% over 1s</td>",
                "<td>all pressure closed</td>");
        assertThat(rendered.indexOf("id=\"pressure-changes\"")).as("in the timelines, before the first chart")
                .isGreaterThan(rendered.indexOf("id=\"timelines\"")).isLessThan(rendered.indexOf("class=\"card chart\""));
        assertThat(Files.readString(changed.json())).contains("\"pressureChanges\": [",
                "\"description\": \"memory ramp 30% to 45% over 1s\"");
    }

    /** Text as Chromium serialises a text node: only {@code &}, {@code <} and {@code >} escaped. */
    private static String text(String label) {
        return label.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String section(String rendered, String id) {
        Matcher section = Pattern.compile("<section id=\"" + id + "\">(.*?)</section>", Pattern.DOTALL).matcher(rendered);
        assertThat(section.find()).as("section %s in the DOM", id).isTrue();
        return section.group(1);
    }

    private static String figure(String rendered, String chart) {
        Matcher figure = Pattern.compile("<figure[^>]*data-chart=\"" + chart + "\"[^>]*>(.*?)</figure>", Pattern.DOTALL)
                .matcher(rendered);
        assertThat(figure.find()).as("figure of chart %s in the DOM", chart).isTrue();
        return figure.group(1);
    }
}
