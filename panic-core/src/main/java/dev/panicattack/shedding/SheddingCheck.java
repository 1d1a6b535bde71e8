package dev.panicattack.shedding;

import dev.panicattack.pressure.PressurePlan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs a {@link SheddingPlan}: starts the pressure, samples every component each
 * {@link SheddingPlan#sampling()} for {@code pressureFor}, lifts the pressure, then keeps sampling
 * until nothing sheds or {@link SheddingPlan#recovery()} has passed. Each sample asks every
 * component whether it is shedding and times each latency probe. Immutable; {@link #run} may be
 * called more than once. Pressure is closed on every path, including a probe that throws.
 */
public final class SheddingCheck {

    private final SheddingPlan plan;
    private final Clock clock;
    private final Pause pause;

    private SheddingCheck(SheddingPlan plan, Clock clock, Pause pause) {
        this.plan = plan;
        this.clock = clock;
        this.pause = pause;
    }

    /** A check of {@code plan} on the system clock. */
    public static SheddingCheck of(SheddingPlan plan) {
        return new SheddingCheck(Objects.requireNonNull(plan, "plan"), Clock.systemUTC(), Pause.real());
    }

    /** The same check on {@code clock}, waiting between samples with {@code pause} (tests pass a fake pair). */
    public SheddingCheck withClock(Clock clock, Pause pause) {
        return new SheddingCheck(plan, Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(pause, "pause"));
    }

    /** Runs under {@code pressurePlan} (for example a cpu ramp or a heap leak) for {@code pressureFor}. */
    public SheddingResult run(PressurePlan pressurePlan, Duration pressureFor) {
        Objects.requireNonNull(pressurePlan, "pressurePlan");
        return run(() -> RisingPressure.start(pressurePlan), pressureFor);
    }

    /** Runs under the pressure {@code start} starts, for {@code pressureFor}. */
    public SheddingResult run(Supplier<? extends RisingPressure> start, Duration pressureFor) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(pressureFor, "pressureFor");
        if (pressureFor.isNegative() || pressureFor.isZero()) {
            throw new SheddingDeclarationException(plan.name() + ": the pressure phase must be longer than zero, but was "
                    + dev.panicattack.constraint.DurationText.format(pressureFor));
        }
        List<ShedSample> samples = new ArrayList<>();
        Instant begin = clock.instant();
        String description;
        String unit;
        Duration liftedAt;
        try (RisingPressure pressure = Objects.requireNonNull(start.get(), "started pressure")) {
            description = pressure.describe();
            unit = pressure.unit();
            while (true) {
                samples.add(sample(begin, true, pressure.level()));
                if (since(begin).compareTo(pressureFor) >= 0) {
                    break;
                }
                pause();
            }
            liftedAt = since(begin);
        }
        Duration recoveryEnd = liftedAt.plus(plan.recovery());
        while (true) {
            pause();
            ShedSample sample = sample(begin, false, Double.NaN);
            samples.add(sample);
            if (sample.shedding().isEmpty() || sample.at().compareTo(recoveryEnd) >= 0) {
                break;
            }
        }
        return new SheddingResult(plan, description, unit, liftedAt, samples);
    }

    private void pause() {
        try {
            pause.pause(plan.sampling());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(plan.name() + ": interrupted while sampling; the check was abandoned", e);
        }
    }

    private Duration since(Instant begin) {
        return Duration.between(begin, clock.instant());
    }

    private ShedSample sample(Instant begin, boolean underPressure, double level) {
        Duration at = since(begin);
        Set<String> shedding = new HashSet<>();
        Map<String, Duration> latencies = new LinkedHashMap<>();
        for (ShedComponent component : plan.components()) {
            boolean now;
            try {
                now = component.shedding().getAsBoolean();
            } catch (RuntimeException e) {
                throw new SheddingDeclarationException("the shedding probe of " + component.label() + " declared at "
                        + component.declaredAt() + " threw " + e + " at " + SheddingResult.seconds(at)
                        + "; a probe must answer whether the component sheds now, without throwing", e);
            }
            if (now) {
                shedding.add(component.name());
            }
            if (component.latencyProbe().isPresent()) {
                latencies.put(component.name(), time(component, at));
            }
        }
        return new ShedSample(at, underPressure, level, shedding, latencies);
    }

    private Duration time(ShedComponent component, Duration at) {
        Instant start = clock.instant();
        try {
            component.latencyProbe().orElseThrow().call();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the latency probe of " + component.label() + " was interrupted", e);
        } catch (Exception e) {
            throw new SheddingDeclarationException("the latency probe of " + component.label() + " declared at "
                    + component.declaredAt() + " threw " + e + " at " + SheddingResult.seconds(at)
                    + "; a priority-1 component must keep answering under pressure, so fix the component or the probe", e);
        }
        return Duration.between(start, clock.instant());
    }
}
