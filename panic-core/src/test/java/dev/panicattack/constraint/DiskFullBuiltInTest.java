package dev.panicattack.constraint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class DiskFullBuiltInTest {

    @Test
    void diskFullTakes95PercentOfA64MebibyteBudget() {
        Constraints set = ConstraintSetLibrary.fromClassLoader(getClass().getClassLoader()).load("disk-full");

        assertThat(set.disk()).contains(new DiskConstraint(OptionalInt.of(95), Optional.empty()).withBudget(64L << 20));
        assertThat(set.description()).get().asString().startsWith("A disk that fills up during the test");
        assertThat(List.of(set.cpu(), set.memory(), set.network(), set.concurrency(), set.time()))
                .allMatch(Optional::isEmpty);
    }
}
