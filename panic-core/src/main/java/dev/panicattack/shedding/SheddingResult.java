package dev.panicattack.shedding;

import dev.panicattack.internal.text.Figures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One run of a {@link SheddingCheck}: every sample, and the judgement of the plan's rules over them.
 * Immutable. {@link #problems()} is empty when the shedding was orderly; {@link #assertOrderly()}
 * throws a {@link SheddingOrderError} otherwise.
 */
public final class SheddingResult {

    private final SheddingPlan plan;
    private final String pressure;
    private final String unit;
    private final Duration liftedAt;
    private final List<ShedSample> samples;

    /** Judges {@code samples} taken under {@code pressure} (level in {@code unit}) lifted at {@code liftedAt}. */
    public SheddingResult(SheddingPlan plan, String pressure, String unit, Duration liftedAt, List<ShedSample> samples) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.pressure = Objects.requireNonNull(pressure, "pressure");
        this.unit = Objects.requireNonNull(unit, "unit");
        this.liftedAt = Objects.requireNonNull(liftedAt, "liftedAt");
        this.samples = List.copyOf(samples);
    }

    /** Every sample, in time order. */
    public List<ShedSample> samples() {
        return samples;
    }

    /** When pressure was lifted, since the check started. */
    public Duration liftedAt() {
        return liftedAt;
    }

    /** The first sample under pressure in which {@code component} was shedding. */
    public Optional<ShedSample> startedShedding(String component) {
        return samples.stream().filter(ShedSample::underPressure)
                .filter(sample -> sample.shedding().contains(component)).findFirst();
    }

    /** The first sample after pressure lifted in which nothing was shedding. */
    public Optional<ShedSample> recovered() {
        return samples.stream().filter(sample -> !sample.underPressure())
                .filter(sample -> sample.shedding().isEmpty()).findFirst();
    }

    /** Every broken rule, in the order: priority 1 shed, never shed, wrong order, latency budget, recovery. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        List<ShedComponent> components = plan.components();
        for (ShedComponent component : components) {
            if (component.priority() == 1) {
                samples.stream().filter(sample -> sample.shedding().contains(component.name())).findFirst()
                        .ifPresent(sample -> problems.add(component.label() + " shed at " + seconds(sample.at())
                                + pressureThen(sample) + "; priority 1 must never shed"));
            }
        }
        for (ShedComponent component : components) {
            if (component.priority() > 1 && startedShedding(component.name()).isEmpty()) {
                problems.add(component.label() + " never shed while pressure held (" + seconds(liftedAt)
                        + "); priority " + component.priority() + " must shed under pressure");
            }
        }
        for (ShedComponent earlier : components) {
            for (ShedComponent later : components) {
                Optional<ShedSample> first = startedShedding(earlier.name());
                Optional<ShedSample> second = startedShedding(later.name());
                if (earlier.priority() >= 2 && later.priority() > earlier.priority()
                        && first.isPresent() && second.isPresent()
                        && first.get().at().compareTo(second.get().at()) < 0) {
                    problems.add(earlier.label() + " started shedding at " + seconds(first.get().at())
                            + pressureThen(first.get()) + ", before " + later.label() + " at "
                            + seconds(second.get().at()) + pressureThen(second.get())
                            + "; higher priority numbers must shed first");
                }
            }
        }
        for (ShedComponent component : components) {
            component.latencyBudget().ifPresent(budget -> {
                List<ShedSample> over = samples.stream()
                        .filter(sample -> sample.latencies().get(component.name()).compareTo(budget) > 0).toList();
                if (!over.isEmpty()) {
                    ShedSample worst = over.stream().max(Comparator.comparing(
                            (ShedSample sample) -> sample.latencies().get(component.name()))).orElseThrow();
                    problems.add(component.label() + " exceeded its " + Figures.duration(budget) + " latency budget in "
                            + over.size() + " of " + samples.size() + " samples, first at " + seconds(over.get(0).at())
                            + " (" + latency(over.get(0).latencies().get(component.name()))
                            + ", " + pressureLevel(over.get(0)) + "), worst "
                            + latency(worst.latencies().get(component.name())) + " at " + seconds(worst.at()));
                }
            });
        }
        if (recovered().isEmpty()) {
            ShedSample last = samples.get(samples.size() - 1);
            for (ShedComponent component : components) {
                if (last.shedding().contains(component.name())) {
                    problems.add(component.label() + " was still shedding at " + seconds(last.at()) + ", "
                            + Figures.duration(last.at().minus(liftedAt)) + " after pressure lifted; everything must"
                            + " recover within " + Figures.duration(plan.recovery()));
                }
            }
        }
        return List.copyOf(problems);
    }

    /** Throws a {@link SheddingOrderError} listing the problems and the timeline, unless there are none. */
    public SheddingResult assertOrderly() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            StringBuilder message = new StringBuilder(plan.name()).append(": shedding under ").append(pressure)
                    .append(" broke ").append(problems.size() == 1 ? "1 rule" : problems.size() + " rules").append(":\n");
            problems.forEach(problem -> message.append("- ").append(problem).append('\n'));
            throw new SheddingOrderError(message.append(timeline()).toString(), this);
        }
        return this;
    }

    /**
     * The observed order: one line per component, those that shed in the order they started (with
     * the time and pressure level then), then those that never did, in declaration order; then the
     * recovery.
     */
    public String timeline() {
        StringBuilder text = new StringBuilder("observed order (sampled every ").append(Figures.duration(plan.sampling()))
                .append(", pressure lifted at ").append(seconds(liftedAt)).append("):\n");
        List<ShedComponent> ordered = new ArrayList<>(plan.components());
        ordered.sort(Comparator.comparing((ShedComponent component) -> startedShedding(component.name())
                .map(ShedSample::at).orElse(Duration.ofSeconds(Long.MAX_VALUE))));
        for (ShedComponent component : ordered) {
            text.append("  ").append(component.name()).append(" (priority ").append(component.priority()).append("): ");
            Optional<ShedSample> start = startedShedding(component.name());
            if (start.isPresent()) {
                text.append("started shedding at ").append(seconds(start.get().at())).append(pressureThen(start.get()));
                stoppedShedding(component.name()).ifPresent(stop -> text.append(", stopped at ").append(seconds(stop)));
            } else {
                text.append("never shed");
            }
            component.latencyBudget().ifPresent(budget -> text.append("; latency up to ")
                    .append(latency(maxLatency(component.name()))).append(" (budget ")
                    .append(Figures.duration(budget)).append(')'));
            text.append('\n');
        }
        text.append(recovered().map(sample -> "recovered: nothing shedding at " + seconds(sample.at()) + ", "
                + Figures.duration(sample.at().minus(liftedAt)) + " after pressure lifted")
                .orElse("not recovered within " + Figures.duration(plan.recovery()) + " after pressure lifted"));
        return text.toString();
    }

    private Optional<Duration> stoppedShedding(String component) {
        Optional<ShedSample> start = startedShedding(component);
        if (start.isEmpty()) {
            return Optional.empty();
        }
        return samples.stream().filter(sample -> sample.at().compareTo(start.get().at()) > 0)
                .filter(sample -> !sample.shedding().contains(component)).map(ShedSample::at).findFirst();
    }

    private Duration maxLatency(String component) {
        return samples.stream().map(sample -> sample.latencies().get(component)).max(Comparator.naturalOrder())
                .orElse(Duration.ZERO);
    }

    private String pressureThen(ShedSample sample) {
        return " (" + pressureLevel(sample) + ")";
    }

    /** {@code pressure 52% cpu}, {@code after pressure lifted} or {@code pressure not yet measured}. */
    private String pressureLevel(ShedSample sample) {
        if (!sample.underPressure()) {
            return "after pressure lifted";
        }
        if (Double.isNaN(sample.pressureLevel())) {
            return "pressure not yet measured";
        }
        return unit.startsWith("%")
                ? "pressure " + Figures.number(sample.pressureLevel(), 1) + "% " + unit.substring(1)
                : "pressure " + Figures.number(sample.pressureLevel(), 1) + " " + unit;
    }

    /** A probe's latency in milliseconds, up to three decimals: {@code 80ms}, {@code 0.31ms}. */
    static String latency(Duration took) {
        return Figures.number(took.toNanos() / 1e6, 3) + "ms";
    }

    /** Seconds since the check started, with millisecond precision: {@code 1.25s}, {@code 0s}. */
    static String seconds(Duration at) {
        return Figures.number(at.toNanos() / 1e9, 3) + "s";
    }
}
