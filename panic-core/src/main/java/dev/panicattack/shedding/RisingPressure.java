package dev.panicattack.shedding;

import dev.panicattack.pressure.PressurePlan;
import dev.panicattack.pressure.PressureSession;
import dev.panicattack.pressure.axis.PressureSample;
import dev.panicattack.pressure.axis.PressureTrace;
import java.util.List;
import java.util.Objects;

/**
 * Pressure applied while a {@link SheddingCheck} samples: started by the check, read for the level
 * shown in its timeline, closed when the pressure phase ends (on every path).
 */
public interface RisingPressure extends AutoCloseable {

    /** Human summary used in messages, for example {@code cpu ramp 0% to 100% over 4s}. */
    String describe();

    /** The level achieved now, in {@link #unit()}; NaN before the first measurement. */
    double level();

    /** The unit of {@link #level()}, for example {@code %cpu}. */
    String unit();

    /**
     * Lifts the pressure; idempotent. The one made by {@link #start} throws the session's
     * {@link dev.panicattack.pressure.PressureReleaseException} when a stressor could not be stopped.
     */
    @Override
    void close();

    /**
     * Starts {@code plan} in a {@link PressureSession}; its level is the last achieved sample of the
     * plan's first axis (the heap when the plan has one, as {@link PressurePlan#resolve} orders them).
     */
    static RisingPressure start(PressurePlan plan) {
        Objects.requireNonNull(plan, "plan");
        if (plan.isEmpty()) {
            throw new IllegalArgumentException("pressure plan '" + plan.name()
                    + "' applies no pressure; a shedding check needs rising pressure, such as a cpu ramp or a heap leak");
        }
        PressureSession session = PressureSession.start(plan);
        return new RisingPressure() {
            @Override
            public String describe() {
                return plan.describe();
            }

            @Override
            public double level() {
                List<PressureSample> samples = trace().samples();
                return samples.isEmpty() ? Double.NaN : samples.get(samples.size() - 1).achieved();
            }

            @Override
            public String unit() {
                return trace().unit();
            }

            private PressureTrace trace() {
                return session.stressors().get(0).trace();
            }

            @Override
            public void close() {
                session.close();
            }
        };
    }
}
