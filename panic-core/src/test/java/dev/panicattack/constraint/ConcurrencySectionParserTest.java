package dev.panicattack.constraint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ConcurrencySectionParserTest {

    private static final String SOURCE = "panic/constraint-sets/foo.yaml";

    private final ConstraintSetParser parser = new ConstraintSetParser();

    private Constraints parse(String yaml) {
        return parser.parse(SOURCE, "foo", yaml).declared();
    }

    private void assertError(String yaml, int line, int column, String key, String problem) {
        ConstraintSetException e = catchThrowableOfType(ConstraintSetException.class, () -> parse(yaml));
        assertThat(e).as("expected an error").isNotNull();
        assertThat(e.getMessage()).isEqualTo(SOURCE + ":" + line + ":" + column + ": " + key + ": " + problem);
    }

    @Test
    void typesEveryConcurrencyKey() {
        Constraints set = parse("name: foo\nconcurrency: { contenders: 4, noise: 25, seed: -123, parallel: 8, commonPool: 2 }\n");

        assertThat(set.concurrency()).contains(new ConcurrencyConstraint(OptionalInt.of(4), OptionalDouble.of(25),
                OptionalLong.of(-123), OptionalInt.of(8), OptionalInt.of(2)));
    }

    @Test
    void commonPoolTakesTrueOrFalse() {
        assertThat(parse("name: foo\nconcurrency: { commonPool: true }\n").concurrency().orElseThrow().commonPool())
                .hasValue(ConcurrencyConstraint.WHOLE_COMMON_POOL);
        assertThat(parse("name: foo\nconcurrency: { commonPool: false }\n").concurrency().orElseThrow().commonPool())
                .hasValue(0);
    }

    @Test
    void badValuesAreLocatedAndExplained() {
        assertError("name: foo\nconcurrency: { noise: 150 }\n", 2, 23, "concurrency.noise",
                "must be between 0 and 100 (percent of noise point hits), but was 150");
        assertError("name: foo\nconcurrency: { noise: lots }\n", 2, 23, "concurrency.noise",
                "expected a number from 0 to 100 (percent of noise point hits), but was 'lots'");
        assertError("name: foo\nconcurrency: { seed: 1.5 }\n", 2, 22, "concurrency.seed",
                "expected a whole number such as 123, but was 1.5");
        assertError("name: foo\nconcurrency: { seed: 99999999999999999999 }\n", 2, 22, "concurrency.seed",
                "must fit in 64 bits (between -9223372036854775808 and 9223372036854775807), but was 99999999999999999999");
        assertError("name: foo\nconcurrency: { parallel: 300 }\n", 2, 26, "concurrency.parallel",
                "must be between 1 and 256 (copies of the test body), but was 300");
        assertError("name: foo\nconcurrency: { parallel: 0 }\n", 2, 26, "concurrency.parallel",
                "must be between 1 and 256 (copies of the test body), but was 0");
        assertError("name: foo\nconcurrency: { commonPool: many }\n", 2, 28, "concurrency.commonPool",
                "expected true, false or a number of workers from 0 to 256, but was 'many'");
        assertError("name: foo\nconcurrency: { noyse: 0.2 }\n", 2, 16, "concurrency.noyse",
                "unknown key 'noyse'; did you mean 'noise'? (valid keys: contenders, noise, seed, parallel, commonPool)");
    }

    @Test
    void laterDeclarationsOverrideFieldByField() {
        ConcurrencyConstraint base = ConcurrencyConstraint.none().withContenders(4).withNoise(10);
        ConcurrencyConstraint later = ConcurrencyConstraint.none().withNoise(30).withSeed(9);

        assertThat(base.overriddenBy(later)).isEqualTo(ConcurrencyConstraint.none().withContenders(4).withNoise(30).withSeed(9));
    }
}
