package dev.panicattack.examples.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.panicattack.signature.BugClass;

/** The network corpus through the whole engine: every seeded program classified exactly, every healthy one clean. */
class NetworkCorpusTest {

    private static final List<BugClass> OWNED = List.of(BugClass.MISSING_TIMEOUT);

    @Test
    void everyProgramIsClassifiedExactly() {
        List<CorpusRun.Result> results = CorpusRun.withConfiguration(Map.of())
                .run(NetworkCorpus.CLASSES);

        List<CorpusRun.Result> wrong = results.stream().filter(result -> !result.correct()).toList();
        assertThat(wrong).as("wrong results:%n%s", wrong.stream().map(result -> "  " + result.describe())
                .collect(Collectors.joining("\n"))).isEmpty();

        Map<Optional<BugClass>, Long> perClass = results.stream()
                .collect(Collectors.groupingBy(CorpusRun.Result::expected, Collectors.counting()));
        for (BugClass owned : OWNED) {
            assertThat(perClass.getOrDefault(Optional.of(owned), 0L)).as("seeded %s programs", owned)
                    .isGreaterThanOrEqualTo(2);
        }
        assertThat(perClass.getOrDefault(Optional.<BugClass>empty(), 0L)).as("healthy programs").isGreaterThanOrEqualTo(2);
    }
}
