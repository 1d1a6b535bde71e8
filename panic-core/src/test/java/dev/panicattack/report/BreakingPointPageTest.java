package dev.panicattack.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.panicattack.breakingpoint.BreakingAxis;
import dev.panicattack.breakingpoint.BreakingPointResult;
import dev.panicattack.breakingpoint.BreakingPointSearch;
import dev.panicattack.breakingpoint.LevelTrials;
import dev.panicattack.breakingpoint.SearchSettings;
import dev.panicattack.breakingpoint.TrialOutcome;

class BreakingPointPageTest {

    @TempDir
    Path directory;

    @Test
    void writesThePageAndItsJsonUnderTheTestsName() throws IOException {
        BreakingPointResult result = SampleBreakingPoints.cpu();

        ReportFiles files = BreakingPointPage.to(directory).write("OrderServiceTest.checkout", result);

        assertThat(files.html()).isEqualTo(directory.resolve("breaking-point-OrderServiceTest.checkout.html"));
        assertThat(files.json()).isEqualTo(directory.resolve("breaking-point-OrderServiceTest.checkout.json"));
        String html = Files.readString(files.html());
        assertThat(html).contains("<h1 id=\"summary\">" + Html.escape(result.headline()) + "</h1>",
                "<figure class=\"card chart\" id=\"chart-pass-rate\" data-chart=\"pass-rate\">",
                "<table class=\"card\" id=\"level-table\">", "<section id=\"cause\">",
                "<span class=\"sig-class\">LOCK_CONTENTION (confidence 0.91)</span>",
                "<dt>Require above</dt><dd>70%: violated, the test fails at or below it</dd>")
                .doesNotContain("http:", "https:", "<script");
        assertThat(countOf(html, "<circle class=\"point ")).isEqualTo(result.levels().size());
        String json = Files.readString(files.json());
        assertThat(json).startsWith("{\n  \"schema\": \"panic-attack.breaking-point/1\",\n"
                + "  \"test\": \"OrderServiceTest.checkout\",\n  \"status\": \"FOUND\",\n")
                .contains("\"summary\": \"" + result.headline() + "\"", "\"axis\": \"cpu.load\"",
                        "\"violatesRequireAbove\": true", "\"decision\": \"FLAKY\"", "\"wilsonLow\": ");
        Object parsed = MiniJson.parse(json);
        assertThat(parsed).isInstanceOf(Map.class);
    }

    @Test
    void aMaxHeapPageNamesTheEndsByTheirRoleAndItsRequireBelowBound() throws IOException {
        SearchSettings settings = SearchSettings.builder(BreakingAxis.JVM_MAX_HEAP, 16, 256).resolution(16)
                .requireBelow(128).build();
        BreakingPointResult result = BreakingPointSearch.of(settings).run(level -> level.value() < 88
                ? TrialOutcome.failed("HEAP_EXHAUSTION (confidence 0.97)", List.of(), Duration.ZERO)
                : TrialOutcome.passed(Duration.ZERO));

        ReportFiles files = BreakingPointPage.to(directory).write("ReportTest.fits", result);

        String html = Files.readString(files.html());
        assertThat(html).contains("<dt>Interval</dt><dd>breaks at 76 MiB, passes at 91 MiB</dd>",
                "<dt>Require below</dt><dd>128 MiB: held</dd>", "require below 128 MiB");
        assertThat(Files.readString(files.json())).contains("\"requireAbove\": null", "\"requireBelow\": 128.0",
                "\"breaksBelow\": true", "\"violatesRequireAbove\": false", "\"violatesRequireBelow\": false",
                "\"low\": 76.0", "\"high\": 91.0");
    }

    @Test
    void theRunIndexListsEveryBreakingPointPageWithItsSummary() throws IOException {
        BreakingPointResult found = SampleBreakingPoints.cpu();
        BreakingPointResult noBreak = BreakingPointSearch.of(SearchSettings.of(BreakingAxis.NETWORK_LATENCY, 0, 500))
                .run(level -> TrialOutcome.passed(Duration.ZERO));
        BreakingPointPage.to(directory).write("OrderServiceTest.checkout", found);
        BreakingPointPage.to(directory).write("Gateway<Test>.call", noBreak);

        String index = Files.readString(new RunIndex().write(directory, List.of()));

        assertThat(index).contains("<h2>Breaking points</h2>",
                "<a href=\"breaking-point-Gateway_Test_.call.html\">no breaking point: network latency passes up to"
                        + " 500 ms (16 of 16 trials passed, 99%)</a>",
                "<a href=\"breaking-point-OrderServiceTest.checkout.html\">" + Html.escape(found.headline()) + "</a>",
                ">NO BREAK IN RANGE</span>", ">FOUND</span>");
        assertThat(index.indexOf("Gateway_Test_")).as("listed by file name").isLessThan(index.indexOf("OrderService"));
    }

    @Test
    void theDocsExample() {
        LevelTrials trials = level -> level.value() >= 62
                ? TrialOutcome.failed(SampleBreakingPoints.CAUSE, SampleBreakingPoints.PROOF, Duration.ofMillis(40))
                : TrialOutcome.passed(Duration.ofMillis(40));

        SearchSettings settings = SearchSettings.builder(BreakingAxis.CPU_LOAD, 0, 100)
                .requireAbove(70)
                .build();
        BreakingPointResult result = BreakingPointSearch.of(settings).run(trials);
        BreakingPointPage.to(directory).write("OrderServiceTest.checkout", result);

        assertThat(result.violates()).isTrue();
        assertThat(directory.resolve("breaking-point-OrderServiceTest.checkout.html")).isRegularFile();
    }

    @Test
    void withoutBreakingPointPagesTheIndexHasNoSuchSection() throws IOException {
        assertThat(Files.readString(new RunIndex().write(directory, List.of()))).doesNotContain("Breaking points");
    }

    private static int countOf(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
