package dev.panicattack.pressure;

import dev.panicattack.constraint.Axis;
import dev.panicattack.pressure.axis.AxisPlan;
import dev.panicattack.pressure.axis.PressureTrace;
import dev.panicattack.pressure.axis.Stressor;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stressor that holds nothing and whose {@link #close()} throws {@code failure} when given one:
 * the part of a real stressor that could not be undone (a reset refused by the JVM, say). Counts
 * its closes, so a test can see it was asked to stop.
 */
final class StopFailingStressor implements Stressor {

    private final Axis axis;
    private final Optional<RuntimeException> failure;
    private final AtomicInteger closes = new AtomicInteger();

    private StopFailingStressor(Axis axis, Optional<RuntimeException> failure) {
        this.axis = axis;
        this.failure = failure;
    }

    /** A stressor on {@code axis} that stops cleanly. */
    static StopFailingStressor stopping(Axis axis) {
        return new StopFailingStressor(axis, Optional.empty());
    }

    /** A stressor on {@code axis} whose every close throws {@code failure}. */
    static StopFailingStressor failingToStop(Axis axis, RuntimeException failure) {
        return new StopFailingStressor(axis, Optional.of(failure));
    }

    /** An axis plan whose stressor is {@code stressor}, for {@link PressureControl#apply(AxisPlan)}. */
    static AxisPlan planOf(StopFailingStressor stressor) {
        return new AxisPlan() {
            @Override
            public Axis axis() {
                return stressor.axis;
            }

            @Override
            public String describe() {
                return stressor.axis.key() + " test pressure";
            }

            @Override
            public Stressor newStressor() {
                return stressor;
            }
        };
    }

    int closes() {
        return closes.get();
    }

    @Override
    public Axis axis() {
        return axis;
    }

    @Override
    public void start() {
        // Holds nothing: only its close matters.
    }

    @Override
    public boolean awaitEstablished(Duration timeout) {
        return true;
    }

    @Override
    public PressureTrace trace() {
        return new PressureTrace(axis, "%", List.of());
    }

    @Override
    public String achieved(long establishedNanos) {
        return axis + " test pressure";
    }

    @Override
    public void close() {
        closes.incrementAndGet();
        failure.ifPresent(thrown -> {
            throw thrown;
        });
    }
}
