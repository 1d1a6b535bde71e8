package dev.panicattack.pressure.concurrency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ForkJoinPool;

import org.junit.jupiter.api.Test;

import dev.panicattack.constraint.ConcurrencyConstraint;
import dev.panicattack.subject.Subject;

class ConcurrencyPlanTest {

    private static final Subject SUBJECT = Subject.of("com.acme");

    @Test
    void appliesDefaultsAndDrawsAFreshSeedWhenNoneIsDeclared() {
        ConcurrencyPlan plan = ConcurrencyPlan.resolve("s", ConcurrencyConstraint.none().withNoise(20), SUBJECT, () -> 77L);

        assertThat(plan).isEqualTo(new ConcurrencyPlan(0, 20, 77, false, 1, 0, SUBJECT));
        assertThat(plan.describe()).isEqualTo("concurrency noise 20% seed 77");
        assertThat(plan.replayHint()).isEqualTo("@UnderPressure(concurrency = @Concurrency(seed = 77)) or concurrency: { seed: 77 }");
    }

    @Test
    void aDeclaredSeedIsKeptAndTheWholePoolIsItsParallelism() {
        ConcurrencyConstraint constraint = ConcurrencyConstraint.none().withSeed(5).withContenders(3).withParallel(8)
                .withCommonPool(ConcurrencyConstraint.WHOLE_COMMON_POOL);

        ConcurrencyPlan plan = ConcurrencyPlan.resolve("s", constraint, SUBJECT, () -> 1L);

        int parallelism = ForkJoinPool.getCommonPoolParallelism();
        assertThat(plan).isEqualTo(new ConcurrencyPlan(3, 0, 5, true, 8, parallelism, SUBJECT));
        assertThat(plan.describe()).isEqualTo("concurrency 3 contenders, 8 parallel copies, common pool "
                + parallelism + " workers blocked");
    }

    @Test
    void aSectionThatDeclaresNothingIsRefused() {
        assertThatThrownBy(() -> ConcurrencyPlan.resolve("quiet", ConcurrencyConstraint.none().withSeed(3), SUBJECT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Constraint set 'quiet' declares a concurrency section with none of contenders, noise,"
                        + " parallel or commonPool; add for example 'noise: 20' or 'contenders: 4', or remove the"
                        + " 'concurrency:' section");
    }

    @Test
    void decisionsAreAFunctionOfSeedThreadAndCounter() {
        int perturbed = 0;
        for (int counter = 0; counter < 10_000; counter++) {
            long delay = Noise.delayNanos(42, 0.3, 1, counter);
            assertThat(delay).isEqualTo(Noise.delayNanos(42, 0.3, 1, counter));
            assertThat(delay).isBetween(-1L, Noise.MAX_PARK_NANOS - 1);
            if (delay > 0) {
                assertThat(delay).isGreaterThanOrEqualTo(Noise.MIN_PARK_NANOS);
            }
            if (delay >= 0) {
                perturbed++;
            }
        }
        assertThat(perturbed).isBetween(2_700, 3_300);
        assertThat(Noise.delayNanos(42, 0, 0, 0)).isEqualTo(-1);
        assertThat(Noise.delayNanos(42, 1, 0, 0)).isGreaterThanOrEqualTo(0);
    }
}
