package dev.panicattack.assail;

import dev.panicattack.constraint.Axis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssailTest {

    private static final Path FIXTURE_CLASSES = Path.of("target/test-classes/dev/panicattack/assail/fixtures");
    private static final Path FIXTURE_SOURCES = Path.of("src/test/java/dev/panicattack/assail/fixtures");
    private static final Pattern EXPECT = Pattern.compile("expect (\\w+) ([\\w$]+)\\.([\\w<>]+)");
    private static final String PACKAGE = "dev.panicattack.assail.fixtures.";

    private static AssailReport report;

    @BeforeAll
    static void scanFixtures() {
        report = AssailScanner.scan(FIXTURE_CLASSES);
    }

    /** What the fixture sources mark with {@code // expect CATEGORY Class.method}, as "CATEGORY class.method:line". */
    private static List<String> expectedFromSources() throws IOException {
        List<String> expected = new ArrayList<>();
        try (Stream<Path> files = Files.list(FIXTURE_SOURCES)) {
            for (Path file : files.sorted().collect(Collectors.toList())) {
                String outer = file.getFileName().toString().replace(".java", "");
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher matcher = EXPECT.matcher(lines.get(i));
                    while (matcher.find()) {
                        expected.add(matcher.group(1) + " " + PACKAGE + outer + "$" + matcher.group(2) + "."
                                + matcher.group(3) + ":" + (i + 1));
                    }
                }
            }
        }
        return expected;
    }

    private static String key(Finding finding) {
        return finding.category() + " " + finding.className() + "." + finding.method() + ":" + finding.line();
    }

    @Test
    void findsExactlyTheMarkedPatternsInTheFixtures() throws IOException {
        List<String> expected = expectedFromSources();
        assertThat(report.findings()).extracting(AssailTest::key).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void everyCategoryHasASeededFixture() throws IOException {
        Set<Category> seeded = EnumSet.noneOf(Category.class);
        for (String line : expectedFromSources()) {
            seeded.add(Category.valueOf(line.substring(0, line.indexOf(' '))));
        }
        assertThat(seeded).containsExactlyInAnyOrder(Category.values());
    }

    @Test
    void cleanFixturesHaveNoFindings() {
        assertThat(report.findings()).noneMatch(finding -> finding.className().endsWith("$Clean"));
        assertThat(report.classesScanned()).isGreaterThanOrEqualTo(19);
    }

    @Test
    void findingsCarryDetailAndAxes() {
        Finding recursion = report.findings().stream()
                .filter(f -> f.category() == Category.RECURSION && f.method().equals("depth")).findFirst().orElseThrow();
        assertThat(recursion.detail()).isEqualTo("calls itself");
        assertThat(recursion.axes()).containsExactlyInAnyOrder(Axis.MEMORY, Axis.CONCURRENCY);
        assertThat(recursion.toLine()).isEqualTo("RECURSION " + PACKAGE + "RecursionFixtures$Seeded.depth:"
                + recursion.line() + " calls itself [MEMORY, CONCURRENCY]");
        Finding interrupted = report.findings().stream()
                .filter(f -> f.category() == Category.SWALLOWED_EXCEPTION && f.method().equals("nap"))
                .findFirst().orElseThrow();
        assertThat(interrupted.detail())
                .isEqualTo("catch (InterruptedException) neither rethrows, restores the interrupt, nor uses the exception");
        assertThat(interrupted.axes()).containsExactlyInAnyOrder(Axis.CONCURRENCY, Axis.TIME);
        assertThat(report.count(Category.LOCK_ORDER)).isEqualTo(4);
        assertThat(report.counts().values().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(report.findings().size());
    }

    @Test
    void sarifNamesRulesResultsAndLocations() {
        String sarif = report.toSarif();
        assertThat(sarif).contains("\"version\": \"2.1.0\"", "\"name\": \"panic-attack assail\"",
                "{\"id\": \"RECURSION\", \"shortDescription\": {\"text\": ",
                "\"ruleId\": \"BUSY_WAIT\"",
                "\"uri\": \"dev/panicattack/assail/fixtures/BusyWaitFixtures.java\"}, \"region\": {\"startLine\": ");
        assertThat(sarif.split("\"ruleId\"", -1)).hasSize(report.findings().size() + 1);
        assertThat(sarif.split("\"shortDescription\"", -1)).hasSize(Category.values().length + 1);
    }

    @Test
    void commandPrintsOneLinePerFindingAndWritesSarif(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path sarif = dir.resolve("out.sarif");
        int status = AssailCommand.run(new String[] {"--sarif", sarif.toString(), FIXTURE_CLASSES.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(1);
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().collect(Collectors.toList());
        assertThat(lines).hasSize(report.findings().size() + 1);
        assertThat(lines.get(0)).isEqualTo(report.findings().get(0).toLine());
        assertThat(Files.readString(sarif)).isEqualTo(report.toSarif());
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void missingPathIsAClearError() {
        Path missing = Path.of("target/no-such-dir");
        assertThatThrownBy(() -> AssailScanner.scan(missing)).isInstanceOf(AssailException.class)
                .hasMessage("Cannot scan target/no-such-dir: the path does not exist; pass a classes directory"
                        + " (e.g. target/classes) or a .jar file");
    }

    @Test
    void corruptJarIsAClearError(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("broken.jar");
        Files.write(jar, "this is not a zip file at all, just text".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> AssailScanner.scan(jar)).isInstanceOf(AssailException.class)
                .hasMessage("Cannot scan " + jar + ": not a readable jar (zip END header not found);"
                        + " pass an intact .jar file or a classes directory");
    }

    @Test
    void classFromAFutureJavaIsAClearError(@TempDir Path dir) throws IOException {
        byte[] bytes = Files.readAllBytes(FIXTURE_CLASSES.resolve("BusyWaitFixtures.class"));
        bytes[6] = 0;
        bytes[7] = 99;
        Files.write(dir.resolve("Future.class"), bytes);
        assertThatThrownBy(() -> AssailScanner.scan(dir)).isInstanceOf(AssailException.class)
                .hasMessage("Cannot scan " + dir + ": Future.class has class-file major version 99 (Java 55),"
                        + " newer than this scanner reads (up to 70, Java 26); compile with --release 26 or older,"
                        + " or upgrade ASM");
    }

    @Test
    void aJarGivesTheSameFindingsAsTheDirectory(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("fixtures.jar");
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.list(FIXTURE_CLASSES)) {
            for (Path file : files.sorted().collect(Collectors.toList())) {
                zip.putNextEntry(new java.util.zip.ZipEntry("dev/panicattack/assail/fixtures/" + file.getFileName()));
                zip.write(Files.readAllBytes(file));
                zip.closeEntry();
            }
        }
        AssailReport fromJar = AssailScanner.scan(jar);
        assertThat(fromJar.findings()).isEqualTo(report.findings());
        assertThat(fromJar.classesScanned()).isEqualTo(report.classesScanned());
    }

    @Test
    void aFileThatIsNotAClassIsAClearError(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("Broken.class"), "not a class".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> AssailScanner.scan(dir)).isInstanceOf(AssailException.class)
                .hasMessage("Cannot scan " + dir + ": Broken.class is not a class file (no 0xCAFEBABE header);"
                        + " remove it or rebuild the classes");
    }

    @Test
    void commandReportsUsageAndInputErrors() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThat(AssailCommand.run(new String[0], out, errStream)).isEqualTo(2);
        assertThat(AssailCommand.run(new String[] {"target/no-such-dir"}, out, errStream)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines().collect(Collectors.toList())).containsExactly(
                "usage: AssailCommand [--sarif out.sarif] CLASSES_DIR_OR_JAR",
                "Cannot scan target/no-such-dir: the path does not exist; pass a classes directory"
                        + " (e.g. target/classes) or a .jar file");
    }

    @Test
    void scansAMultiMegabyteJarInASmallHeap() {
        Path guava = Path.of(System.getProperty("user.home"),
                ".m2/repository/com/google/guava/guava/33.5.0-jre/guava-33.5.0-jre.jar");
        AssailReport guavaReport = AssailScanner.scan(guava);
        assertThat(guavaReport.classesScanned()).isGreaterThan(1500);
        assertThat(guavaReport.findings()).isNotEmpty();
        assertThat(guavaReport.count(Category.RECURSION)).isPositive();
    }
}
