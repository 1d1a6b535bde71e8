package dev.panicattack.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import dev.panicattack.constraint.ConstraintSetLibrary;
import dev.panicattack.shedding.SheddingYaml;

/**
 * Keeps the docs honest: every code block marked {@code <!-- snippet: path#tag -->} in {@code docs/}
 * must equal the tagged region of that compiled, executed example, and every block marked
 * {@code <!-- file: path -->} the whole file. Every {@code panic.*} parameter the code defines is in
 * {@code docs/configuration.md}, and nothing else is. Every {@code ```yaml} block in {@code docs/} and
 * the README is a constraint set the library loads, unless a {@code <!-- yaml: KIND -->} line just above
 * it (among the comment lines there) says it is a {@code shedding} plan ({@link SheddingYaml} reads it)
 * or a {@code chaos-mesh} manifest (a Chaos Mesh resource: YAML with {@code apiVersion: chaos-mesh.org/...}).
 * A constraint-set block without a top-level {@code name:} is a fragment: it is loaded under a name
 * given here. A parent in {@code extends:} that is not built in (the reader's own set) is stood in for
 * by a set with only that name.
 */
class DocsSnippetsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern SNIPPET = Pattern.compile(
            "<!-- snippet: (\\S+)#(\\S+) -->\\R```java\\R(.*?)```", Pattern.DOTALL);
    private static final Pattern WHOLE_FILE = Pattern.compile("<!-- file: (\\S+) -->\\R```\\w*\\R(.*?)```", Pattern.DOTALL);
    /** A YAML block and the comment lines right above it. */
    private static final Pattern YAML_BLOCK = Pattern.compile("((?:^<!--[^\\n]*-->\\R)*)```yaml\\R(.*?)```",
            Pattern.DOTALL | Pattern.MULTILINE);
    private static final Pattern YAML_KIND = Pattern.compile("<!-- yaml: (\\S+) -->");
    private static final Pattern SET_NAME = Pattern.compile("^name:\\s*(\\S+)\\s*$", Pattern.MULTILINE);
    /** A parameter's name where the code defines it: a {@code *_PROPERTY_NAME} constant. */
    private static final Pattern PARAMETER = Pattern.compile("_PROPERTY_NAME\\s*=\\s*\"(panic\\.[A-Za-z.]+)\"");
    /** A report entry's key, which is not a parameter. */
    private static final Pattern REPORT_ENTRY = Pattern.compile("REPORT_ENTRY\\s*=\\s*\"(panic\\.[A-Za-z.]+)\"");
    private static final Pattern PANIC_LITERAL = Pattern.compile("\"(panic\\.[A-Za-z.]+)\"");
    private static final Pattern TABLE_ROW_KEY = Pattern.compile("^\\| `(panic\\.[A-Za-z.]+)` \\|", Pattern.MULTILINE);

    @TempDir
    Path sets;

    @TestFactory
    Stream<DynamicTest> everySnippetMatchesItsExample() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> pages = Files.list(ROOT.resolve("docs"))) {
            for (Path page : pages.filter(path -> path.toString().endsWith(".md")).sorted().toList()) {
                String text = Files.readString(page);
                Matcher whole = WHOLE_FILE.matcher(text);
                while (whole.find()) {
                    String file = whole.group(1);
                    String shown = whole.group(2);
                    tests.add(DynamicTest.dynamicTest(page.getFileName() + " <- " + file,
                            () -> assertThat(shown).isEqualTo(Files.readString(ROOT.resolve(file)))));
                }
                Matcher matcher = SNIPPET.matcher(text);
                while (matcher.find()) {
                    String file = matcher.group(1);
                    String tag = matcher.group(2);
                    String shown = matcher.group(3);
                    tests.add(DynamicTest.dynamicTest(page.getFileName() + " <- " + file + "#" + tag,
                            () -> assertThat(shown).isEqualTo(taggedRegion(ROOT.resolve(file), tag))));
                }
            }
        }
        assertThat(tests).as("snippets found in docs/").isNotEmpty();
        return tests.stream();
    }

    @Test
    void configurationMdListsExactlyTheParametersTheCodeDefines() throws IOException {
        Set<String> parameters = new TreeSet<>();
        Set<String> entries = new TreeSet<>();
        Map<Path, Set<String>> literals = new TreeMap<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path source : files.filter(path -> path.toString().endsWith(".java"))
                    .filter(path -> path.toString().contains("/src/main/java/"))
                    .filter(path -> !ROOT.relativize(path).toString().contains("target/")).toList()) {
                String text = Files.readString(source);
                PARAMETER.matcher(text).results().forEach(match -> parameters.add(match.group(1)));
                REPORT_ENTRY.matcher(text).results().forEach(match -> entries.add(match.group(1)));
                PANIC_LITERAL.matcher(text).results().forEach(match -> literals
                        .computeIfAbsent(ROOT.relativize(source), file -> new TreeSet<>()).add(match.group(1)));
            }
        }
        assertThat(parameters).as("panic.* parameters defined in the code").isNotEmpty();
        literals.forEach((source, keys) -> assertThat(keys)
                .as("panic.* names in %s: a parameter needs a *_PROPERTY_NAME constant, so this test and"
                        + " docs/configuration.md see it", source)
                .allSatisfy(key -> assertThat(parameters.contains(key) || entries.contains(key)).as(key).isTrue()));

        Set<String> documented = new TreeSet<>();
        TABLE_ROW_KEY.matcher(Files.readString(ROOT.resolve("docs/configuration.md"))).results()
                .forEach(match -> documented.add(match.group(1)));
        assertThat(documented).as("parameters in docs/configuration.md's table, against the code's")
                .containsExactlyElementsOf(parameters);
    }

    @TestFactory
    Stream<DynamicTest> everyYamlBlockIsReadByItsReader() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Path page : pages) {
            Matcher block = YAML_BLOCK.matcher(Files.readString(page));
            while (block.find()) {
                Matcher kind = YAML_KIND.matcher(block.group(1));
                String yaml = block.group(2);
                String where = ROOT.relativize(page) + " line " + lineOf(page, block.start(2));
                String reader = kind.find() ? kind.group(1) : "constraint-set";
                tests.add(DynamicTest.dynamicTest(where + " (" + reader + ")", () -> read(reader, where, yaml)));
            }
        }
        assertThat(tests).as("yaml blocks in the docs").isNotEmpty();
        return tests.stream();
    }

    private void read(String reader, String where, String yaml) throws IOException {
        switch (reader) {
            case "constraint-set" -> {
                Matcher name = SET_NAME.matcher(yaml);
                boolean named = name.find();
                String setName = named ? name.group(1) : "docs-fragment";
                String text = named ? yaml : "name: " + setName + "\n" + yaml;
                Path directory = Files.createTempDirectory(sets, "set");
                Path file = directory.resolve(ConstraintSetLibrary.USER_DIRECTORY + setName + ".yaml");
                Files.createDirectories(file.getParent());
                Files.writeString(file, text);
                ClassLoader testLoader = getClass().getClassLoader();
                for (String parent : parents(where, text)) {
                    if (!ConstraintSetLibrary.fromClassLoader(testLoader).availableNames().contains(parent)) {
                        Files.writeString(file.resolveSibling(parent + ".yaml"), "name: " + parent + "\n");
                    }
                }
                try (URLClassLoader loader = new URLClassLoader(new URL[] {directory.toUri().toURL()},
                        getClass().getClassLoader())) {
                    assertThat(ConstraintSetLibrary.fromClassLoader(loader).load(setName).name()).isEqualTo(setName);
                }
            }
            // The probes are bound in code; reading checks every key and value.
            case "shedding" -> assertThat(SheddingYaml.read(where, yaml)).isNotNull();
            case "chaos-mesh" -> {
                for (Object document : new Load(LoadSettings.builder().setLabel(where).build()).loadAllFromString(yaml)) {
                    assertThat(document).as("a Chaos Mesh resource in %s", where).isInstanceOf(Map.class);
                    assertThat(String.valueOf(((Map<?, ?>) document).get("apiVersion"))).startsWith("chaos-mesh.org/");
                    assertThat(((Map<?, ?>) document).get("kind")).isNotNull();
                }
            }
            default -> throw new AssertionError("<!-- yaml: " + reader + " --> above the block at " + where
                    + " names no reader; use shedding or chaos-mesh, or no marker for a constraint set");
        }
    }

    private static List<String> parents(String where, String text) {
        Object set = new Load(LoadSettings.builder().setLabel(where).build()).loadFromString(text);
        Object parents = set instanceof Map<?, ?> fields ? fields.get("extends") : null;
        if (parents instanceof List<?> names) {
            return names.stream().map(String::valueOf).toList();
        }
        return parents == null ? List.of() : List.of(String.valueOf(parents));
    }

    private static int lineOf(Path page, int offset) throws IOException {
        return (int) Files.readString(page).substring(0, offset).lines().count() + 1;
    }

    private static String taggedRegion(Path source, String tag) throws IOException {
        List<String> lines = Files.readAllLines(source);
        int start = indexOf(lines, "// tag::" + tag + "[]", source) + 1;
        int end = indexOf(lines, "// end::" + tag + "[]", source);
        List<String> region = lines.subList(start, end);
        int indent = region.stream().filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
        StringBuilder text = new StringBuilder();
        for (String line : region) {
            text.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        return text.toString();
    }

    private static int indexOf(List<String> lines, String marker, Path source) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(marker)) {
                return i;
            }
        }
        throw new AssertionError("marker '" + marker + "' not found in " + source);
    }
}
