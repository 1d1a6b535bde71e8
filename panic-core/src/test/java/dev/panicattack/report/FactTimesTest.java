package dev.panicattack.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.panicattack.evidence.Fact;

class FactTimesTest {

    /** A vocabulary row of docs/facts.md: {@code | `heap_used` | `t, bytes` |} or {@code | `gc_pause` | 4: `(t, ...)` |}. */
    private static final Pattern DOCUMENTED = Pattern.compile("^\\| `([a-z][a-z0-9_]*)` \\| (?:\\d+: )?`\\(?([a-z_]+)");
    /** A row of docs/patterns.md's input table: {@code | `hang(t, kind)`, `no_progress(t, tid, ms)` | ... |}. */
    private static final Pattern INPUT = Pattern.compile("`([a-z][a-z0-9_]*)\\(([a-z_]+)");
    private static final Pattern DECLARED = Pattern.compile("^\\.decl ([a-z][a-z0-9_]*)\\(([a-z_]+)");

    @Test
    void theTimedPredicatesAreExactlyThoseDeclaredWithATimeFirst() throws IOException {
        Set<String> declared = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("..", "docs", "facts.md"), StandardCharsets.UTF_8)) {
            Matcher row = DOCUMENTED.matcher(line);
            if (row.find() && row.group(2).equals("t")) {
                declared.add(row.group(1));
            }
        }
        for (String line : Files.readAllLines(Path.of("..", "docs", "patterns.md"), StandardCharsets.UTF_8)) {
            if (line.startsWith("| `")) {
                Matcher input = INPUT.matcher(line.substring(0, line.indexOf('|', 1)));
                while (input.find()) {
                    if (input.group(2).equals("t")) {
                        declared.add(input.group(1));
                    }
                }
            }
        }
        try (Stream<Path> rules = Files.list(Path.of("src", "main", "resources", "dev", "panicattack", "signature",
                "patterns"))) {
            for (Path file : rules.filter(path -> path.toString().endsWith(".dl")).toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    Matcher decl = DECLARED.matcher(line);
                    if (decl.find() && decl.group(2).equals("t")) {
                        declared.add(decl.group(1));
                    }
                }
            }
        }

        assertThat(declared).as("predicates whose first argument is t in docs/facts.md, docs/patterns.md and the .decl lines")
                .contains("heap_used", "gc_pause", "thread_state", "test_failed", "gc_after")
                .doesNotContain("disk_budget", "test_thread", "clock_reads", "test_duration", "first_test_thread_id");
        assertThat(new TreeSet<>(FactTimes.TIMED)).as("FactTimes.TIMED").isEqualTo(declared);
    }

    @Test
    void aTimedFactHasItsFirstValueInSecondsAndOthersHaveNone() {
        assertThat(FactTimes.seconds(Fact.of("heap_used", 1250, 52_428_800))).isEqualTo(1.25);
        assertThat(FactTimes.seconds(Fact.of("gc_pause", 12.5, "G1", "cause", 3.0))).isEqualTo(0.0125);
        assertThat(FactTimes.seconds(Fact.of("disk_budget", 1_073_741_824L, 10.0))).isNaN();
        assertThat(FactTimes.seconds(Fact.of("heap_used", "soon", 5))).isNaN();
        assertThat(FactTimes.seconds(Fact.of("heap_used"))).isNaN();
    }
}
