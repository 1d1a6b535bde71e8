package dev.panicattack.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Keeps the fact vocabulary honest: the predicates documented in {@code docs/facts.md} (and the
 * trial's facts in {@code docs/patterns.md}) are the ones the shipped modules emit, and every fact
 * the pattern library reads is documented.
 */
class FactVocabularyTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> SHIPPED_MODULES =
            List.of("panic-core", "panic-junit", "panic-chaosmesh", "panic-maven-plugin");
    private static final Path PATTERNS =
            ROOT.resolve("panic-core/src/main/resources/dev/panicattack/signature/patterns");

    /** A fact written with a literal predicate: {@code store.add("name", ...)} or {@code Fact.of("name", ...)}. */
    private static final Pattern EMITTED = Pattern.compile("(?:Fact\\.of|\\.add)\\(\\s*\"([a-z][a-z0-9_]*)\"\\s*,");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"([a-z][a-z0-9_]*)\"");
    private static final Pattern ATOM = Pattern.compile("\\b([a-z_][a-z0-9_]*)\\s*\\(");
    private static final Pattern CODE = Pattern.compile("`([a-z][a-z0-9_]*)[`(]");
    private static final Set<String> AGGREGATES = Set.of("count", "sum", "min", "max");

    @Test
    void everyDocumentedFactIsNamedInTheShippedCode() throws IOException {
        assertThat(missing(documentedFacts(), javaMatches(STRING_LITERAL))).as("facts documented in docs/facts.md"
                + " and docs/patterns.md but named nowhere in the shipped modules' sources: remove them from the docs"
                + " or emit them").isEmpty();
    }

    @Test
    void everyEmittedFactIsDocumented() throws IOException {
        assertThat(missing(javaMatches(EMITTED), documentedFacts())).as("facts the shipped modules emit"
                + " (EvidenceStore.add / Fact.of) that docs/facts.md does not list: add a row to its tables").isEmpty();
    }

    @Test
    void everyFactThePatternLibraryReadsIsDocumented() throws IOException {
        Set<String> inputs = ruleInputs();
        assertThat(inputs).as("predicates the pattern library reads").contains("thread_blocked_on", "failure_is");
        assertThat(missing(inputs, documentedFacts())).as("predicates the rules in " + ROOT.relativize(PATTERNS)
                + " read but no rule derives, missing from docs/facts.md and docs/patterns.md").isEmpty();
    }

    private static Set<String> missing(Set<String> names, Set<String> from) {
        Set<String> missing = new TreeSet<>(names);
        missing.removeAll(from);
        return missing;
    }

    /** The first cell of every row of a table whose first column is headed "predicate". */
    private static Set<String> documentedFacts() throws IOException {
        Set<String> facts = new TreeSet<>();
        for (String page : List.of("facts.md", "patterns.md")) {
            boolean inFactTable = false;
            for (String line : Files.readAllLines(ROOT.resolve("docs").resolve(page))) {
                if (!line.startsWith("|")) {
                    inFactTable = false;
                } else if (line.matches("\\|\\s*predicate\\s*\\|.*")) {
                    inFactTable = true;
                } else if (inFactTable) {
                    Matcher names = CODE.matcher(line.split("\\|")[1]);
                    while (names.find()) {
                        facts.add(names.group(1));
                    }
                }
            }
        }
        assertThat(facts).as("facts found in the docs' predicate tables").contains("heap_used", "test_thread");
        return facts;
    }

    private static Set<String> javaMatches(Pattern pattern) throws IOException {
        Set<String> names = new TreeSet<>();
        for (String module : SHIPPED_MODULES) {
            Path sources = ROOT.resolve(module).resolve("src/main/java");
            if (!Files.isDirectory(sources)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                    Matcher matcher = pattern.matcher(Files.readString(file));
                    while (matcher.find()) {
                        names.add(matcher.group(1));
                    }
                }
            }
        }
        return names;
    }

    /** Predicates used in a rule body that no rule or fact of the library derives: evidence. */
    private static Set<String> ruleInputs() throws IOException {
        Set<String> heads = new TreeSet<>();
        Set<String> used = new TreeSet<>();
        for (String file : Files.readAllLines(PATTERNS.resolve("index.txt"))) {
            if (file.isBlank() || file.startsWith("#")) {
                continue;
            }
            String program = withoutDeclarations(withoutCommentsAndStrings(Files.readString(PATTERNS.resolve(file.strip()))));
            for (String clause : program.split("\\.(?=\\s|$)")) {
                String[] sides = clause.split(":-", 2);
                Matcher head = ATOM.matcher(sides[0]);
                if (head.find()) {
                    heads.add(head.group(1));
                }
                if (sides.length == 2) {
                    Matcher body = ATOM.matcher(sides[1]);
                    while (body.find()) {
                        used.add(body.group(1));
                    }
                }
            }
        }
        used.removeAll(heads);
        used.removeAll(AGGREGATES);
        return used;
    }

    /** The program without comments ({@code %} or {@code //} to the end of the line) and with every string emptied. */
    private static String withoutCommentsAndStrings(String program) {
        StringBuilder code = new StringBuilder();
        boolean inString = false;
        boolean inComment = false;
        for (int i = 0; i < program.length(); i++) {
            char c = program.charAt(i);
            if (c == '\n') {
                inComment = false;
                code.append(c);
            } else if (inComment) {
                continue;
            } else if (inString && c == '\\') {
                i++; // an escaped quote or backslash inside a string
            } else if (c == '"') {
                inString = !inString;
                code.append(c);
            } else if (!inString) {
                if (c == '%' || program.startsWith("//", i)) {
                    inComment = true;
                } else {
                    code.append(c);
                }
            }
        }
        return code.toString();
    }

    private static String withoutDeclarations(String program) {
        return program.replaceAll("(?m)^\\s*\\.decl[^\\n]*$", "").replaceAll("@[a-z]+\\([^)]*\\)", "");
    }
}
