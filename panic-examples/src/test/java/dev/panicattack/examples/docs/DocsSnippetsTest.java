package dev.panicattack.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Keeps the docs honest: every code block marked {@code <!-- snippet: path#tag -->} in {@code docs/}
 * must equal the tagged region of that compiled, executed example, and every block marked
 * {@code <!-- file: path -->} the whole file.
 */
class DocsSnippetsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern SNIPPET = Pattern.compile(
            "<!-- snippet: (\\S+)#(\\S+) -->\\R```java\\R(.*?)```", Pattern.DOTALL);
    private static final Pattern WHOLE_FILE = Pattern.compile("<!-- file: (\\S+) -->\\R```\\w*\\R(.*?)```", Pattern.DOTALL);

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
