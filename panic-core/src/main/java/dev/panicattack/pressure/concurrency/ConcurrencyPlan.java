package dev.panicattack.pressure.concurrency;

import dev.panicattack.constraint.Axis;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

import dev.panicattack.constraint.ConcurrencyConstraint;
import dev.panicattack.internal.text.Figures;
import dev.panicattack.pressure.axis.AxisPlan;
import dev.panicattack.pressure.axis.Stressor;
import dev.panicattack.subject.Subject;

/**
 * The resolved concurrency axis: {@code contenders} threads competing for the subject's locks and
 * the CPU, scheduling noise at {@code noise} percent of the hits of the subject's noise points driven by
 * {@code seed}, {@code parallel} copies of the test body, and {@code commonPoolWorkers} common pool
 * workers held blocked. Semantics: {@code docs/concurrency-pressure.md}.
 *
 * @param seedDeclared whether the seed was declared (else it was drawn fresh and is reported)
 */
public record ConcurrencyPlan(int contenders, double noise, long seed, boolean seedDeclared, int parallel,
        int commonPoolWorkers, Subject subject) implements AxisPlan {

    public ConcurrencyPlan {
        // The constraint's checks again: a plan can be built directly.
        new ConcurrencyConstraint(java.util.OptionalInt.of(contenders), java.util.OptionalDouble.of(noise),
                java.util.OptionalLong.of(seed), java.util.OptionalInt.of(parallel),
                java.util.OptionalInt.of(commonPoolWorkers));
        if (commonPoolWorkers == ConcurrencyConstraint.WHOLE_COMMON_POOL) {
            throw new IllegalArgumentException("commonPoolWorkers must be a number of workers; resolve"
                    + " WHOLE_COMMON_POOL with ConcurrencyPlan.resolve");
        }
        Objects.requireNonNull(subject, "subject");
    }

    /** Defaults of {@code docs/concurrency-pressure.md}, with a fresh seed drawn when none is declared. */
    public static ConcurrencyPlan resolve(String setName, ConcurrencyConstraint constraint, Subject subject) {
        return resolve(setName, constraint, subject, () -> ThreadLocalRandom.current().nextLong());
    }

    /** As {@link #resolve(String, ConcurrencyConstraint, Subject)}, drawing an undeclared seed from {@code freshSeed}. */
    public static ConcurrencyPlan resolve(String setName, ConcurrencyConstraint constraint, Subject subject,
            LongSupplier freshSeed) {
        Objects.requireNonNull(constraint, "constraint");
        if (constraint.contenders().isEmpty() && constraint.noise().isEmpty() && constraint.parallel().isEmpty()
                && constraint.commonPool().isEmpty()) {
            throw new IllegalArgumentException("Constraint set '" + setName + "' declares a concurrency section"
                    + " with none of contenders, noise, parallel or commonPool; add for example 'noise: 20' or"
                    + " 'contenders: 4', or remove the 'concurrency:' section");
        }
        int pool = constraint.commonPool().orElse(0);
        if (pool == ConcurrencyConstraint.WHOLE_COMMON_POOL) {
            pool = Math.min(ForkJoinPool.getCommonPoolParallelism(), ConcurrencyConstraint.MAX_COMMON_POOL_WORKERS);
        }
        boolean declared = constraint.seed().isPresent();
        long seed = declared ? constraint.seed().getAsLong() : freshSeed.getAsLong();
        return new ConcurrencyPlan(constraint.contenders().orElse(0), constraint.noise().orElse(0), seed, declared,
                constraint.parallel().orElse(1), pool, subject);
    }

    /**
     * Whether the subject's classes are instrumented: for noise, to show contenders its locks, and to
     * see which shared fields parallel copies of the body touch.
     */
    public boolean instruments() {
        return noise > 0 || contenders > 0 || parallel > 1;
    }

    /** How to replay this plan's noise: {@code @UnderPressure(concurrency = @Concurrency(seed = 123)) or concurrency: { seed: 123 }}. */
    public String replayHint() {
        return "@UnderPressure(concurrency = @Concurrency(seed = " + seed + ")) or concurrency: { seed: " + seed + " }";
    }

    @Override
    public Axis axis() {
        return Axis.CONCURRENCY;
    }

    @Override
    public Stressor newStressor() {
        return new ConcurrencyStressor(this);
    }

    /** For example {@code concurrency noise 20% seed 42, 4 contenders, 8 parallel copies, common pool 2 workers}. */
    @Override
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (noise > 0) {
            parts.add("noise " + Figures.percent(noise) + " seed " + seed);
        }
        if (contenders > 0) {
            parts.add(contenders + " contenders");
        }
        if (parallel > 1) {
            parts.add(parallel + " parallel copies");
        }
        if (commonPoolWorkers > 0) {
            parts.add("common pool " + commonPoolWorkers + " workers blocked");
        }
        return parts.isEmpty() ? "concurrency (nothing applied)" : "concurrency " + String.join(", ", parts);
    }
}
