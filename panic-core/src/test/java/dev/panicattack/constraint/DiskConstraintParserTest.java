package dev.panicattack.constraint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The disk section's keys beyond fill and latency: budget, scope, errorRate, seed, contention. */
class DiskConstraintParserTest {

    private static final String SOURCE = ConstraintErrors.SOURCE;

    private final ConstraintSetParser parser = new ConstraintSetParser();

    private DiskConstraint disk(String yaml) {
        return parser.parse(SOURCE, "foo", "name: foo\n" + yaml).declared().disk().orElseThrow();
    }

    @Test
    void readsEveryDiskKey() {
        DiskConstraint disk = disk("disk:\n  fill: 95\n  budget: 1.5GiB\n  scope: [build/data, /var/tmp]\n"
                + "  errorRate: 0.5\n  seed: 42\n  contention: 20MiB/s\n");
        assertThat(disk).isEqualTo(new DiskConstraint(OptionalInt.of(95), Optional.empty(),
                OptionalLong.of(3L << 29), List.of(Path.of("build/data"), Path.of("/var/tmp")),
                OptionalDouble.of(0.5), OptionalLong.of(42), OptionalLong.of(20L << 20)));
        assertThat(disk("disk: { budget: 4096B, scope: data }\n").scope()).containsExactly(Path.of("data"));
        assertThat(disk("disk: { budget: 512KiB }\n").budget()).hasValue(512 * 1024);
    }

    @Test
    void sizesNeedABinaryUnit() {
        ConstraintErrors.assertError("disk: { budget: 1024 }\n", 2, 17, "disk.budget",
                "expected a size such as 64MiB, but was 1024; add a unit: B, KiB, MiB, GiB or TiB");
        ConstraintErrors.assertError("disk: { budget: 64MB }\n", 2, 17, "disk.budget",
                "unknown size unit 'MB' in '64MB'; write 64MiB (binary units only); units are B, KiB, MiB, GiB, TiB");
        ConstraintErrors.assertError("disk: { budget: 64parsecs }\n", 2, 17, "disk.budget",
                "unknown size unit 'parsecs' in '64parsecs'; units are B, KiB, MiB, GiB, TiB");
        ConstraintErrors.assertError("disk: { budget: lots }\n", 2, 17, "disk.budget",
                "expected a size such as 64MiB, 512KiB or 1GiB, but was 'lots'");
        ConstraintErrors.assertError("disk: { budget: 0.5B }\n", 2, 17, "disk.budget", "must be a whole number of bytes, but was 0.5B");
        ConstraintErrors.assertError("disk: { budget: 0MiB }\n", 2, 17, "disk.budget", "must be more than zero, but was 0MiB; declare a budget such as 64MiB");
        ConstraintErrors.assertError("disk: { budget: 2000TiB }\n", 2, 17, "disk.budget", "must be at most 1024TiB, but was 2000TiB");
        ConstraintErrors.assertError("disk: { budget: [1] }\n", 2, 17, "disk.budget", "expected a size such as 64MiB, but was a list");
    }

    @Test
    void contentionIsARatePerSecond() {
        ConstraintErrors.assertError("disk: { contention: 20MiB }\n", 2, 21, "disk.contention",
                "expected a rate such as 20MiB/s, but was '20MiB'; add '/s'");
        ConstraintErrors.assertError("disk: { contention: 20 }\n", 2, 21, "disk.contention",
                "expected a rate such as 20MiB/s, but was 20; add a unit: B, KiB, MiB, GiB or TiB and '/s'");
        ConstraintErrors.assertError("disk: { contention: 20MB/s }\n", 2, 21, "disk.contention",
                "unknown size unit 'MB' in '20MB'; write 20MiB (binary units only); units are B, KiB, MiB, GiB, TiB");
        ConstraintErrors.assertError("disk: { contention: 2GiB/s }\n", 2, 21, "disk.contention", "must be more than zero and at most 1GiB/s, but was 2GiB/s; declare a rate such as 20MiB/s");
    }

    @Test
    void errorRateIsAPercentAndTheSeedAWholeNumber() {
        ConstraintErrors.assertError("disk: { errorRate: 1% }\n", 2, 20, "disk.errorRate", "write percentages as plain numbers: 1, not '1%'");
        ConstraintErrors.assertError("disk: { errorRate: 101 }\n", 2, 20, "disk.errorRate",
                "must be between 0 and 100 (percent of I/O operations), but was 101");
        ConstraintErrors.assertError("disk: { errorRate: often }\n", 2, 20, "disk.errorRate",
                "expected a number from 0 to 100 (percent of I/O operations), but was 'often'");
        ConstraintErrors.assertError("disk: { errorRate: 1, seed: -3 }\n", 2, 29, "disk.seed",
                "must be 0 or more, but was -3");
        ConstraintErrors.assertError("disk: { errorRate: 1, seed: 1.5 }\n", 2, 29, "disk.seed",
                "expected a whole number such as 123, but was 1.5");
    }

    @Test
    void scopeIsOneDirectoryOrAList() {
        ConstraintErrors.assertError("disk: { fill: 1, scope: [] }\n", 2, 25, "disk.scope",
                "is an empty list; name at least one directory or remove the key");
        ConstraintErrors.assertError("disk: { fill: 1, scope: '  ' }\n", 2, 25, "disk.scope", "must name a directory, but was blank");
        ConstraintErrors.assertError("disk: { fill: 1, scope: { a: b } }\n", 2, 25, "disk.scope",
                "expected a directory such as build/data, but was a mapping");
        ConstraintErrors.assertError("disk: { fill: 1, scope: \"a\\0b\" }\n", 2, 25, "disk.scope",
                "is not a valid path: 'a\u0000b' (Nul character not allowed)");
    }

    @Test
    void unknownDiskKeysSuggestTheNearest() {
        ConstraintErrors.assertError("disk: { errorrate: 1 }\n", 2, 9, "disk.errorrate", "unknown key 'errorrate'; did you mean 'errorRate'?"
                + " (valid keys: fill, latency, budget, scope, errorRate, seed, contention)");
    }

    @Test
    void laterDeclarationsOverrideFieldByField() {
        DiskConstraint base = DiskConstraint.none().withBudget(100).withScope(List.of(Path.of("a"))).withErrorRate(1);
        DiskConstraint later = new DiskConstraint(OptionalInt.of(5), Optional.of(Duration.ofMillis(2))).withSeed(9);
        assertThat(base.overriddenBy(later)).isEqualTo(new DiskConstraint(OptionalInt.of(5), Optional.of(Duration.ofMillis(2)),
                OptionalLong.of(100), List.of(Path.of("a")), OptionalDouble.of(1), OptionalLong.of(9), OptionalLong.empty()));
    }

    @Test
    void sizesFormatExactly() {
        assertThat(ByteSizeText.format(64L << 20)).isEqualTo("64MiB");
        assertThat(ByteSizeText.format(3L << 29)).isEqualTo("1.5GiB");
        assertThat(ByteSizeText.format(1000)).isEqualTo("1000B");
        assertThat(ByteSizeText.parseRate("20MiB/s")).isEqualTo(20L << 20);
        assertThatThrownBy(() -> ByteSizeText.parseRate("x/s")).hasMessage("expected a rate such as 20MiB/s, 512KiB or 1GiB, but was 'x'");
    }
}
