package dev.panicattack.constraint;

import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Concurrency axis, as declared (every field optional; the plan applies defaults). Semantics:
 * {@code docs/concurrency-pressure.md}.
 *
 * @param contenders threads competing with the subject for its locks and the CPU, 0 to 1024
 * @param noise      percent, 0 to 100, of the hits of a noise point (a synchronization point or a
 *                   shared-field access of the subject) perturbed by a yield or a short park
 * @param seed       seed of the noise decisions; absent means a fresh random seed, reported
 * @param parallel   copies of the test body run at once, 1 to 256
 * @param commonPool common pool workers to block, 0 to 256, or {@link #WHOLE_COMMON_POOL}
 */
public record ConcurrencyConstraint(OptionalInt contenders, OptionalDouble noise, OptionalLong seed,
        OptionalInt parallel, OptionalInt commonPool) {

    /** {@code commonPool: true}: block as many workers as the common pool's parallelism. */
    public static final int WHOLE_COMMON_POOL = Integer.MAX_VALUE;
    /** Most contender threads. */
    public static final int MAX_CONTENDERS = 1024;
    /** Most parallel copies of the test body. */
    public static final int MAX_PARALLEL = 256;
    /** Most common pool workers blocked when a number is given. */
    public static final int MAX_COMMON_POOL_WORKERS = 256;

    public ConcurrencyConstraint {
        if (contenders.isPresent() && (contenders.getAsInt() < 0 || contenders.getAsInt() > MAX_CONTENDERS)) {
            throw new ConstraintViolation("concurrency.contenders", Integer.toString(contenders.getAsInt()),
                    "must be between 0 and " + MAX_CONTENDERS + " (threads)", "");
        }
        noise.ifPresent(value -> Percent.require("concurrency.noise", value, "percent of noise point hits"));
        if (parallel.isPresent() && (parallel.getAsInt() < 1 || parallel.getAsInt() > MAX_PARALLEL)) {
            throw new ConstraintViolation("concurrency.parallel", Integer.toString(parallel.getAsInt()),
                    "must be between 1 and " + MAX_PARALLEL + " (copies of the test body)", "");
        }
        if (commonPool.isPresent() && commonPool.getAsInt() != WHOLE_COMMON_POOL
                && (commonPool.getAsInt() < 0 || commonPool.getAsInt() > MAX_COMMON_POOL_WORKERS)) {
            throw new ConstraintViolation("concurrency.commonPool", Integer.toString(commonPool.getAsInt()),
                    "must be true, false or a number of workers between 0 and " + MAX_COMMON_POOL_WORKERS, "");
        }
    }

    /** Contenders only, as declared before the other keys existed. */
    public ConcurrencyConstraint(OptionalInt contenders) {
        this(contenders, OptionalDouble.empty(), OptionalLong.empty(), OptionalInt.empty(), OptionalInt.empty());
    }

    /** Nothing declared. */
    public static ConcurrencyConstraint none() {
        return new ConcurrencyConstraint(OptionalInt.empty());
    }

    public ConcurrencyConstraint withContenders(int value) {
        return new ConcurrencyConstraint(OptionalInt.of(value), noise, seed, parallel, commonPool);
    }

    public ConcurrencyConstraint withNoise(double value) {
        return new ConcurrencyConstraint(contenders, OptionalDouble.of(value), seed, parallel, commonPool);
    }

    public ConcurrencyConstraint withSeed(long value) {
        return new ConcurrencyConstraint(contenders, noise, OptionalLong.of(value), parallel, commonPool);
    }

    public ConcurrencyConstraint withParallel(int value) {
        return new ConcurrencyConstraint(contenders, noise, seed, OptionalInt.of(value), commonPool);
    }

    public ConcurrencyConstraint withCommonPool(int workers) {
        return new ConcurrencyConstraint(contenders, noise, seed, parallel, OptionalInt.of(workers));
    }

    /** Field by field: what {@code later} declares wins. */
    public ConcurrencyConstraint overriddenBy(ConcurrencyConstraint later) {
        return new ConcurrencyConstraint(
                later.contenders.isPresent() ? later.contenders : contenders,
                later.noise.isPresent() ? later.noise : noise,
                later.seed.isPresent() ? later.seed : seed,
                later.parallel.isPresent() ? later.parallel : parallel,
                later.commonPool.isPresent() ? later.commonPool : commonPool);
    }
}
