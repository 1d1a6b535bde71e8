package dev.panicattack.shedding;

import dev.panicattack.constraint.DurationText;
import dev.panicattack.fuse.Fuse;
import dev.panicattack.fuse.FuseState;
import dev.panicattack.internal.text.Figures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Which components a service sheds under pressure, in which order, and how the check samples them.
 * Immutable; made by {@link #builder()} in code or by {@link SheddingYaml} from a file.
 *
 * <p>Priority 1 is never shed. Every component of a higher priority must start shedding while
 * pressure holds, and no later than any component of a lower priority number (2 or more): priority
 * 3 first, then 2. Everything must stop shedding within {@link #recovery()} after pressure lifts.
 * Semantics: {@code docs/priority-shedding.md}.
 */
public final class SheddingPlan {

    /** Sampling period when none is declared. */
    public static final Duration DEFAULT_SAMPLING = Duration.ofMillis(50);

    /** Recovery window when none is declared. */
    public static final Duration DEFAULT_RECOVERY = Duration.ofSeconds(5);

    private final String name;
    private final List<ShedComponent> components;
    private final Duration sampling;
    private final Duration recovery;

    private SheddingPlan(String name, List<ShedComponent> components, Duration sampling, Duration recovery) {
        this.name = name;
        this.components = List.copyOf(components);
        this.sampling = sampling;
        this.recovery = recovery;
    }

    /** A builder for a plan declared in code. */
    public static Builder builder() {
        return new Builder("shedding plan");
    }

    /** The plan's name, as in messages ({@code shedding plan} unless declared). */
    public String name() {
        return name;
    }

    /** The components in declaration order. */
    public List<ShedComponent> components() {
        return components;
    }

    /** How often every component is sampled. */
    public Duration sampling() {
        return sampling;
    }

    /** How long after pressure lifts every component must have stopped shedding. */
    public Duration recovery() {
        return recovery;
    }

    /**
     * Declares components, then binds what code must supply. Not thread-safe; {@link #build()}
     * validates everything and names the declaration at fault.
     */
    public static final class Builder {

        private String name;
        private final Map<String, Declaration> declarations = new LinkedHashMap<>();
        private final Map<String, BooleanSupplier> shedding = new LinkedHashMap<>();
        private final Map<String, LatencyProbe> probes = new LinkedHashMap<>();
        private final Map<String, Duration> codeBudgets = new LinkedHashMap<>();
        private Duration sampling = DEFAULT_SAMPLING;
        private Origin samplingOrigin = Origin.CODE;
        private Duration recovery = DEFAULT_RECOVERY;
        private Origin recoveryOrigin = Origin.CODE;

        Builder(String name) {
            this.name = name;
        }

        /** Names the plan in messages. */
        public Builder named(String planName) {
            this.name = Objects.requireNonNull(planName, "planName");
            return this;
        }

        /** Declares {@code name} with {@code priority}, shedding while {@code sheddingNow} answers true. */
        public Builder component(String name, int priority, BooleanSupplier sheddingNow) {
            declare(name, priority, Optional.empty(), Origin.CODE, "");
            return shedding(name, sheddingNow);
        }

        /** Declares {@code name} with {@code priority}, shedding while {@code fuse} is not {@link FuseState#CLOSED}. */
        public Builder component(String name, int priority, Fuse fuse) {
            Objects.requireNonNull(fuse, "fuse");
            return component(name, priority, () -> fuse.state() != FuseState.CLOSED);
        }

        /**
         * Gives priority-1 component {@code name} a latency budget: every call {@code probe} makes while
         * the check samples must take at most {@code budget}.
         */
        public Builder latencyBudget(String name, Duration budget, LatencyProbe probe) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(budget, "budget");
            codeBudgets.put(name, budget);
            return latencyProbe(name, probe);
        }

        /** Binds how to tell whether the declared component {@code name} (for example from YAML) is shedding now. */
        public Builder shedding(String name, BooleanSupplier sheddingNow) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(sheddingNow, "sheddingNow");
            if (shedding.putIfAbsent(name, sheddingNow) != null) {
                throw new SheddingDeclarationException(name + ": a shedding probe is already bound to '" + name
                        + "'; bind one per component");
            }
            return this;
        }

        /** Binds {@code fuse} as the shedding probe of the declared component {@code name}: shedding while not closed. */
        public Builder shedding(String name, Fuse fuse) {
            Objects.requireNonNull(fuse, "fuse");
            return shedding(name, () -> fuse.state() != FuseState.CLOSED);
        }

        /** Binds the latency probe of priority-1 component {@code name}, whose budget was declared (for example in YAML). */
        public Builder latencyProbe(String name, LatencyProbe probe) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(probe, "probe");
            probes.put(name, probe);
            return this;
        }

        /** How often to sample; must be positive. Default {@link #DEFAULT_SAMPLING}. */
        public Builder samplingEvery(Duration period) {
            this.sampling = Objects.requireNonNull(period, "period");
            this.samplingOrigin = Origin.CODE;
            return this;
        }

        /** How long after pressure lifts everything must have stopped shedding; must be positive. Default {@link #DEFAULT_RECOVERY}. */
        public Builder recoveryWithin(Duration window) {
            this.recovery = Objects.requireNonNull(window, "window");
            this.recoveryOrigin = Origin.CODE;
            return this;
        }

        void sampling(Duration period, Origin origin) {
            this.sampling = period;
            this.samplingOrigin = origin;
        }

        void recovery(Duration window, Origin origin) {
            this.recovery = window;
            this.recoveryOrigin = origin;
        }

        /** {@code key} is the YAML key path that errors name (empty for declarations in code). */
        void declare(String componentName, int priority, Optional<Duration> budget, Origin origin, String key) {
            Objects.requireNonNull(componentName, "name");
            String where = origin.inFile() ? key + ": " : name + ": ";
            if (componentName.isBlank()) {
                throw origin.error(where + "a component needs a non-blank name");
            }
            if (priority < 1) {
                throw origin.error(where + "component '" + componentName + "' has priority " + priority
                        + "; priorities start at 1 (never shed) and higher numbers shed first");
            }
            Declaration first = declarations.get(componentName);
            if (first != null) {
                String firstAt = first.origin().inFile() ? " at " + first.origin().place() : "";
                if (first.priority() != priority) {
                    throw origin.error(where + "component '" + componentName
                            + "' is declared twice with different priorities: " + first.priority() + firstAt
                            + " and " + priority + " here; give each component one priority");
                }
                throw origin.error(where + "component '" + componentName + "' is declared twice (priority "
                        + priority + firstAt + "); declare each component once");
            }
            declarations.put(componentName, new Declaration(componentName, priority, budget, origin, key));
        }

        /** Validates and builds the plan. */
        public SheddingPlan build() {
            if (declarations.isEmpty()) {
                throw new SheddingDeclarationException(name + ": no components are declared; declare at least one"
                        + " with component(name, priority, sheddingNow)");
            }
            requirePositive(sampling, "sampling period", samplingOrigin);
            requirePositive(recovery, "recovery window", recoveryOrigin);
            for (String bound : shedding.keySet()) {
                requireDeclared(bound, "a shedding probe");
            }
            for (String bound : probes.keySet()) {
                requireDeclared(bound, "a latency probe");
            }
            List<ShedComponent> components = new ArrayList<>();
            for (Declaration declaration : declarations.values()) {
                components.add(component(declaration));
            }
            return new SheddingPlan(name, components, sampling, recovery);
        }

        private ShedComponent component(Declaration declaration) {
            String componentName = declaration.name();
            Origin origin = declaration.origin();
            String where = origin.inFile() ? declaration.key() + ": " : name + ": ";
            BooleanSupplier sheddingNow = shedding.get(componentName);
            if (sheddingNow == null) {
                throw origin.error(where + "component '" + componentName + "' has no shedding probe; bind one with"
                        + " shedding(\"" + componentName + "\", sheddingNow)");
            }
            Optional<Duration> budget = declaration.budget().or(() -> Optional.ofNullable(codeBudgets.get(componentName)));
            Optional<LatencyProbe> probe = Optional.ofNullable(probes.get(componentName));
            if (budget.isPresent() && declaration.priority() != 1) {
                throw origin.error(where + "component '" + componentName + "' has priority " + declaration.priority()
                        + " and a latency budget; budgets belong to priority-1 components, which are never shed:"
                        + " remove the budget or make it priority 1");
            }
            if (budget.isPresent()) {
                requirePositive(budget.get(), "latency budget of '" + componentName + "'", origin);
            }
            if (budget.isPresent() && probe.isEmpty()) {
                throw origin.error(where + "component '" + componentName + "' has a latency budget of "
                        + Figures.duration(budget.get()) + " but no latency probe; bind one with latencyProbe(\""
                        + componentName + "\", probe)");
            }
            if (probe.isPresent() && budget.isEmpty()) {
                throw origin.error(where + "component '" + componentName + "' has a latency probe but no latency"
                        + " budget; declare one (latencyBudget: 50ms in YAML, or latencyBudget(name, budget, probe))");
            }
            String declaredAt = origin.inFile() ? origin.source() + ":" + origin.line() + ":" + origin.column()
                    : name + ", component '" + componentName + "'";
            return new ShedComponent(componentName, declaration.priority(), sheddingNow, budget, probe, declaredAt);
        }

        private void requireDeclared(String bound, String what) {
            if (!declarations.containsKey(bound)) {
                throw new SheddingDeclarationException(name + ": " + what + " is bound to '" + bound
                        + "', which is not declared (declared: " + String.join(", ", declarations.keySet())
                        + "); declare it or fix the name");
            }
        }

        private void requirePositive(Duration value, String what, Origin origin) {
            if (value.isNegative() || value.isZero()) {
                String where = origin.inFile() ? "" : name + ": ";
                throw origin.error(where + what + " must be longer than zero, but was " + DurationText.format(value));
            }
        }
    }

    /** A component as declared, before code binds its probes. */
    record Declaration(String name, int priority, Optional<Duration> budget, Origin origin, String key) {
    }
}
