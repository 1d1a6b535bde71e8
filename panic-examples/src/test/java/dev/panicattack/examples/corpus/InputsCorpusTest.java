package dev.panicattack.examples.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.panicattack.signature.BugClass;

/**
 * The corrupted-input corpus through the whole engine: every invocation (one per corrupted variant)
 * of a seeded program classified MALFORMED_INPUT_CRASH, every invocation of a healthy one clean.
 */
class InputsCorpusTest {

    @Test
    void everyVariantIsClassifiedExactly() {
        List<CorpusRun.Result> results = CorpusRun.withConfiguration(Map.of("panic.diagnose.flightRecorder", "false"))
                .run(InputCorpus.CLASSES);

        CorpusAssertions.everyResultCorrect(results);

        Map<Optional<BugClass>, Set<String>> programs = results.stream().collect(Collectors.groupingBy(
                CorpusRun.Result::expected, Collectors.mapping(CorpusRun.Result::test, Collectors.toSet())));
        assertThat(programs.get(Optional.of(BugClass.MALFORMED_INPUT_CRASH))).as("seeded programs").hasSizeGreaterThanOrEqualTo(2);
        assertThat(programs.get(Optional.<BugClass>empty())).as("healthy programs").hasSizeGreaterThanOrEqualTo(2);
        // 4 + 3 seeded variants, 6 + 6 healthy ones
        assertThat(results).hasSize(19);
    }
}
