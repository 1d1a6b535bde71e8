package dev.panicattack.chaosmesh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panicattack.constraint.ConcurrencyConstraint;
import dev.panicattack.constraint.Constraints;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RoundTripTest {

    static Stream<String> builtInNames() {
        return BuiltInSets.names().stream();
    }

    @ParameterizedTest
    @MethodSource("builtInNames")
    void everyBuiltInSetExportsValidatesAndImportsBackEqual(String name) {
        String yaml = BuiltInSets.export(name).yaml();

        Constraints imported = ChaosMeshImport.withLimits(BuiltInSets.LIMITS).read(yaml);

        assertThat(imported).isEqualTo(withoutOmittedKeys(BuiltInSets.load(name)));
    }

    /** The omitted keys are all on the concurrency axis of the built-ins: what is left is contenders. */
    private static Constraints withoutOmittedKeys(Constraints set) {
        if (!BuiltInSets.OMITTED.containsKey(set.name())) {
            return set;
        }
        ConcurrencyConstraint concurrency = set.concurrency().orElseThrow();
        return set.withConcurrency(new ConcurrencyConstraint(concurrency.contenders(), OptionalDouble.empty(),
                OptionalLong.empty(), OptionalInt.empty(), OptionalInt.empty()));
    }
}
