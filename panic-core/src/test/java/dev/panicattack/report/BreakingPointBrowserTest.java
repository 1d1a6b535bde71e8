package dev.panicattack.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.panicattack.breakingpoint.BreakingPointResult;
import dev.panicattack.breakingpoint.LevelRecord;

/**
 * The breaking-point page as a person sees it: a real headless Chromium parses and paints it. The page
 * and its screenshot stay in {@code target/report-browser/} for review. Tagged {@code browser}: the build
 * runs it with {@code -Pbrowser}.
 */
@Tag("browser")
class BreakingPointBrowserTest {

    private static final Path CHROMIUM = HeadlessChromium.EXECUTABLE;
    private static final Path OUTPUT = Path.of("target", "report-browser", "breaking-point").toAbsolutePath();

    private static BreakingPointResult result;
    private static ReportFiles files;

    @TempDir
    Path profile;

    @BeforeAll
    static void writeThePage() {
        if (!Files.isExecutable(CHROMIUM)) {
            fail("this test renders the page in a real browser but " + CHROMIUM
                    + " is missing; install Debian's chromium: apt-get install chromium");
        }
        result = SampleBreakingPoints.cpu();
        files = BreakingPointPage.to(OUTPUT).write("OrderServiceTest.checkout", result);
    }

    @Test
    void theChartDrawsAPointAndAWilsonBarPerLevelWithTheIntervalMarked() throws IOException, InterruptedException {
        Path dom = OUTPUT.resolve("breaking-point.dom.html");
        Files.deleteIfExists(dom);

        HeadlessChromium.run(profile, dom, "--dump-dom", files.html().toUri().toString());

        String rendered = Files.readString(dom, StandardCharsets.UTF_8);
        Matcher figure = Pattern.compile("<figure[^>]*data-chart=\"pass-rate\"[^>]*>(.*?)</figure>", Pattern.DOTALL)
                .matcher(rendered);
        assertThat(figure.find()).as("the pass-rate figure in the DOM").isTrue();
        Matcher plot = Pattern.compile("<svg class=\"plot\"(.*?)</svg>", Pattern.DOTALL).matcher(figure.group(1));
        assertThat(plot.find()).as("the plot <svg>").isTrue();
        String svg = plot.group(1);
        List<double[]> points = new ArrayList<>();
        Matcher circle = Pattern.compile("<circle class=\"point (\\w+)\" cx=\"([\\d.]+)\" cy=\"([\\d.]+)\"").matcher(svg);
        while (circle.find()) {
            points.add(new double[] {Double.parseDouble(circle.group(2)), Double.parseDouble(circle.group(3))});
        }
        assertThat(points).as("one point per level tried").hasSize(result.levels().size());
        assertThat(points).as("points inside the plot area").allSatisfy(point -> {
            assertThat(point[0]).isBetween(72.0, 1076.0);
            assertThat(point[1]).isBetween(30.0, 276.0);
        });
        assertThat(points.stream().mapToDouble(point -> point[1]).distinct().count())
                .as("pass rates at different heights: passing at the top, failing at the bottom, flaky between")
                .isGreaterThanOrEqualTo(3);
        assertThat(countOf(svg, "<path stroke=")).as("a Wilson bar per level").isEqualTo(result.levels().size());
        assertThat(svg).contains("<rect class=\"interval\"", "<g class=\"marker\" id=\"breaking-point-marker\">",
                ">breaking point " + result.level().orElseThrow().describe() + "</text>", ">require above 70%</text>",
                ">pass rate (%)</text>", ">cpu (%)</text>");
        Matcher rows = Pattern.compile("<tr class=\"(PASSES|FAILS|FLAKY|UNDECIDED)\">").matcher(rendered);
        List<String> decisions = new ArrayList<>();
        while (rows.find()) {
            decisions.add(rows.group(1));
        }
        assertThat(decisions).containsExactlyElementsOf(result.levels().stream()
                .map(LevelRecord::decision).map(Enum::name).toList());
        assertThat(decisions).contains("PASSES", "FAILS", "FLAKY");
        assertThat(rendered).contains("<span class=\"sig-class\">LOCK_CONTENTION (confidence 0.91)</span>",
                "└─ cpu_load(62)").doesNotContain("http:", "https:");
    }

    @Test
    void theScreenshotShowsAPaintedPage() throws IOException, InterruptedException {
        Path png = OUTPUT.resolve("breaking-point.png");
        Files.deleteIfExists(png);

        HeadlessChromium.run(profile, null, "--screenshot=" + png, "--window-size=1280,1400", "--hide-scrollbars",
                "--force-device-scale-factor=1", files.html().toUri().toString());

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1280);
        long green = 0;
        long red = 0;
        long amber = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                green += near(rgb, 0x1a7f37) ? 1 : 0;
                red += near(rgb, 0xb42318) ? 1 : 0;
                amber += near(rgb, 0xbf8700) ? 1 : 0;
            }
        }
        assertThat(green).as("pixels of passing points").isGreaterThan(100);
        assertThat(red).as("pixels of failing points and the status badge").isGreaterThan(100);
        assertThat(amber).as("pixels of flaky points").isGreaterThan(50);
    }

    private static boolean near(int rgb, int colour) {
        return Math.abs((rgb >> 16 & 0xff) - (colour >> 16 & 0xff)) < 14 && Math.abs((rgb >> 8 & 0xff) - (colour >> 8 & 0xff)) < 14
                && Math.abs((rgb & 0xff) - (colour & 0xff)) < 14;
    }

    private static int countOf(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
