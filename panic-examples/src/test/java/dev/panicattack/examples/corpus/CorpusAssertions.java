package dev.panicattack.examples.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.panicattack.signature.BugClass;

/** What every corpus test asserts of its run: each program classified as seeded, and enough programs of each kind. */
final class CorpusAssertions {

    private CorpusAssertions() {
    }

    /** Every program concluded what it was seeded with (nothing, for a healthy one); the failures listed otherwise. */
    static void everyResultCorrect(List<CorpusRun.Result> results) {
        List<CorpusRun.Result> wrong = results.stream().filter(result -> !result.correct()).toList();
        assertThat(wrong).as("wrong results:%n%s", wrong.stream().map(result -> "  " + result.describe())
                .collect(Collectors.joining("\n"))).isEmpty();
    }

    /** At least two seeded programs for each class in {@code owned}, and at least {@code healthy} healthy ones. */
    static void enoughPrograms(List<CorpusRun.Result> results, List<BugClass> owned, int healthy) {
        Map<Optional<BugClass>, Long> perClass = results.stream()
                .collect(Collectors.groupingBy(CorpusRun.Result::expected, Collectors.counting()));
        for (BugClass bugClass : owned) {
            assertThat(perClass.getOrDefault(Optional.of(bugClass), 0L)).as("seeded %s programs", bugClass)
                    .isGreaterThanOrEqualTo(2);
        }
        assertThat(perClass.getOrDefault(Optional.<BugClass>empty(), 0L)).as("healthy programs")
                .isGreaterThanOrEqualTo(healthy);
    }
}
