package dev.panicattack.junit;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import dev.panicattack.constraint.ClockJump;
import dev.panicattack.constraint.ConcurrencyConstraint;
import dev.panicattack.constraint.ConstraintSetException;
import dev.panicattack.constraint.CpuConstraint;
import dev.panicattack.constraint.ByteSizeText;
import dev.panicattack.constraint.DiskConstraint;
import dev.panicattack.constraint.DurationText;
import dev.panicattack.pressure.DiskPlan;
import dev.panicattack.constraint.MemoryConstraint;
import dev.panicattack.constraint.TimeConstraint;
import dev.panicattack.constraint.NetworkConstraint;
import dev.panicattack.pressure.PressurePlan;
import dev.panicattack.subject.Subject;

/**
 * What pressure one test declared, from the run-wide set, {@link ConstraintSet} and
 * {@link UnderPressure}, validated and resolved into a {@link PressurePlan}. Every check happens here,
 * before anything starts.
 */
record PressureDeclaration(String where, boolean declared, PressurePlan plan) {

    static PressureDeclaration of(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        String where = method.getDeclaringClass().getSimpleName() + "." + method.getName() + "()";
        Optional<UnderPressure> underPressure = nearest(context, UnderPressure.class);
        Optional<ConstraintSet> constraintSet = nearest(context, ConstraintSet.class);
        underPressure.ifPresent(annotation -> validate(annotation, where));

        List<String> names = new ArrayList<>(RunConfiguration.of(context).sets());
        constraintSet.ifPresent(annotation -> names.addAll(validate(annotation, where)));

        dev.panicattack.constraint.ConstraintSet declared = dev.panicattack.constraint.ConstraintSet.named(
                names.isEmpty() ? "@UnderPressure" : String.join("+", names));
        if (!names.isEmpty()) {
            try {
                declared = LoadedSets.of(context, classLoaderOf(context)).load(names);
            } catch (ConstraintSetException e) {
                throw new ExtensionConfigurationException(e.getMessage() + " (needed by " + where + ")", e);
            }
        }
        if (underPressure.isPresent()) {
            declared = declared.overriddenBy(fromAnnotation(underPressure.get(), declared.name()));
        }
        boolean any = underPressure.isPresent() || !names.isEmpty();
        // @Assail: the findings' applicable choices are the base; every explicit declaration overrides them.
        Optional<AssailDeclaration> assail = AssailDeclaration.of(context, where);
        if (assail.isPresent()) {
            assail.get().remember(context, any ? declared : dev.panicattack.constraint.ConstraintSet.named("none"));
            declared = any ? assail.get().attack().applicable().overriddenBy(declared) : assail.get().attack().applicable();
        }
        try {
            any = any || assail.isPresent();
            return new PressureDeclaration(where, any, PressurePlan.resolve(declared, Subject.packageOf(context.getRequiredTestClass())));
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(e.getMessage() + " (on " + where + ")", e);
        }
    }

    /** The method's annotation if present, else the nearest class's, walking out through enclosing (nested) classes. */
    static <A extends java.lang.annotation.Annotation> Optional<A> nearest(
            ExtensionContext context, Class<A> type) {
        Optional<A> onMethod = AnnotationSupport.findAnnotation(context.getTestMethod(), type);
        if (onMethod.isPresent()) {
            return onMethod;
        }
        for (Class<?> clazz = context.getRequiredTestClass(); clazz != null; clazz = clazz.getEnclosingClass()) {
            Optional<A> onClass = AnnotationSupport.findAnnotation((AnnotatedElement) clazz, type);
            if (onClass.isPresent()) {
                return onClass;
            }
        }
        return Optional.empty();
    }

    private static void validate(UnderPressure annotation, String where) {
        requirePercent("cpu", annotation.cpu(), where);
        requirePercent("memory", annotation.memory(), where);
        double leak = annotation.memoryLeakRate();
        if (!(leak >= 0 && leak <= 100)) {
            throw new ExtensionConfigurationException("@UnderPressure(memoryLeakRate) must be between 0 and 100"
                    + " (percent of the maximum heap per second), but was " + leak + " on " + where);
        }
        timeOf(annotation, where);
        validateConcurrency(annotation, where);
        validateDisk(annotation, where);
        networkOf(annotation, where);
    }

    /** The clock attributes as a time constraint; each is checked here, so a mistake names its attribute. */
    private static TimeConstraint timeOf(UnderPressure annotation, String where) {
        TimeConstraint time = TimeConstraint.none();
        try {
            if (!annotation.clockSkew().isEmpty()) {
                time = time.withSkew(DurationText.parse(annotation.clockSkew(), true));
            }
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("@UnderPressure(clockSkew) " + withoutKey(e.getMessage()) + " on " + where, e);
        }
        try {
            if (!annotation.clockDrift().isEmpty()) {
                time = time.withDrift(TimeConstraint.parseDrift(annotation.clockDrift()));
            }
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("@UnderPressure(clockDrift) " + withoutKey(e.getMessage()) + " on " + where, e);
        }
        try {
            time = time.withJumps(Arrays.stream(annotation.clockJumps()).map(ClockJump::parse).toList());
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("@UnderPressure(clockJumps) " + withoutKey(e.getMessage()) + " on " + where, e);
        }
        return time;
    }

    /** The records name their YAML key ({@code time.drift must ...}); here the attribute is named instead. */
    private static String withoutKey(String message) {
        return message.replaceFirst("^time\\.[a-zA-Z.]+ ", "");
    }

    private static void validateConcurrency(UnderPressure annotation, String where) {
        if (annotation.concurrencyContenders() < 0 || annotation.concurrencyContenders() > ConcurrencyConstraint.MAX_CONTENDERS) {
            throw new ExtensionConfigurationException("@UnderPressure(concurrencyContenders) must be between 0 and 1024,"
                    + " but was " + annotation.concurrencyContenders() + " on " + where);
        }
        double noise = annotation.concurrencyNoise();
        if (!(noise >= 0 && noise <= 1)) {
            throw new ExtensionConfigurationException("@UnderPressure(concurrencyNoise) must be between 0 and 1"
                    + " (a probability), but was " + noise + " on " + where);
        }
        if (annotation.concurrencyParallel() < 1 || annotation.concurrencyParallel() > ConcurrencyConstraint.MAX_PARALLEL) {
            throw new ExtensionConfigurationException("@UnderPressure(concurrencyParallel) must be between 1 and 256"
                    + " copies of the test body, but was " + annotation.concurrencyParallel() + " on " + where);
        }
        int pool = annotation.concurrencyCommonPool();
        if (pool != UnderPressure.WHOLE_COMMON_POOL && (pool < 0 || pool > ConcurrencyConstraint.MAX_COMMON_POOL_WORKERS)) {
            throw new ExtensionConfigurationException("@UnderPressure(concurrencyCommonPool) must be between 0 and 256"
                    + " workers, or UnderPressure.WHOLE_COMMON_POOL, but was " + pool + " on " + where);
        }
    }

    /** The concurrency attributes left off their defaults, or none. */
    private static Optional<ConcurrencyConstraint> concurrencyOf(UnderPressure annotation) {
        ConcurrencyConstraint constraint = ConcurrencyConstraint.none();
        if (annotation.concurrencyContenders() > 0) {
            constraint = constraint.withContenders(annotation.concurrencyContenders());
        }
        if (annotation.concurrencyNoise() > 0) {
            constraint = constraint.withNoise(annotation.concurrencyNoise());
        }
        if (annotation.concurrencySeed() != UnderPressure.FRESH_SEED) {
            constraint = constraint.withSeed(annotation.concurrencySeed());
        }
        if (annotation.concurrencyParallel() > 1) {
            constraint = constraint.withParallel(annotation.concurrencyParallel());
        }
        if (annotation.concurrencyCommonPool() != 0) {
            constraint = constraint.withCommonPool(annotation.concurrencyCommonPool() == UnderPressure.WHOLE_COMMON_POOL
                    ? ConcurrencyConstraint.WHOLE_COMMON_POOL : annotation.concurrencyCommonPool());
        }
        return constraint.equals(ConcurrencyConstraint.none()) ? Optional.empty() : Optional.of(constraint);
    }

    private static void validateDisk(UnderPressure annotation, String where) {
        requirePercent("diskFill", annotation.diskFill(), where);
        if (!annotation.diskBudget().isEmpty()) {
            attribute("diskBudget", where, () -> ByteSizeText.parse(annotation.diskBudget()));
        }
        if (!annotation.diskLatency().isEmpty()) {
            Duration latency = attribute("diskLatency", where, () -> DurationText.parse(annotation.diskLatency(), false));
            if (latency.compareTo(DiskPlan.MAX_WRITE_LATENCY) > 0) {
                throw new ExtensionConfigurationException("@UnderPressure(diskLatency) must be at most 10s, but was "
                        + annotation.diskLatency() + " on " + where);
            }
        }
        double rate = annotation.diskErrorRate();
        if (!(rate >= 0 && rate <= 100)) {
            throw new ExtensionConfigurationException("@UnderPressure(diskErrorRate) must be between 0 and 100"
                    + " (percent of I/O operations), but was " + rate + " on " + where);
        }
        if (annotation.diskSeed() < -1) {
            throw new ExtensionConfigurationException("@UnderPressure(diskSeed) must be 0 or more (or -1 for a random"
                    + " seed), but was " + annotation.diskSeed() + " on " + where);
        }
        if (!annotation.diskContention().isEmpty()) {
            long contention = attribute("diskContention", where, () -> ByteSizeText.parseRate(annotation.diskContention()));
            if (contention == 0 || contention > DiskConstraint.MAX_CONTENTION_BYTES_PER_SECOND) {
                throw new ExtensionConfigurationException("@UnderPressure(diskContention) must be more than 0 and at most"
                        + " 1GiB/s, but was " + annotation.diskContention() + " on " + where);
            }
        }
        for (String directory : annotation.diskScope()) {
            if (directory.isBlank()) {
                throw new ExtensionConfigurationException("@UnderPressure(diskScope) must not contain a blank directory,"
                        + " but was " + Arrays.toString(annotation.diskScope()) + " on " + where);
            }
            attribute("diskScope", where, () -> Path.of(directory));
        }
    }

    /** Parses one attribute; a refusal names the attribute, the problem and the test. */
    private static <T> T attribute(String name, String where, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("@UnderPressure(" + name + ") " + e.getMessage() + " on " + where, e);
        }
    }

    /** The network attributes as a constraint, or none when all are at their defaults; every value checked. */
    private static Optional<NetworkConstraint> networkOf(UnderPressure annotation, String where) {
        NetworkConstraint network = NetworkConstraint.none();
        try {
            if (!annotation.networkLatency().isEmpty()) {
                network = network.withLatency(duration("networkLatency", annotation.networkLatency(), where));
            }
            if (!annotation.networkJitter().isEmpty()) {
                network = network.withJitter(duration("networkJitter", annotation.networkJitter(), where));
            }
            if (annotation.networkLoss() != 0) {
                network = network.withLoss(networkPercent("networkLoss", annotation.networkLoss(), "writes", where));
            }
            if (annotation.networkReset() != 0) {
                network = network.withReset(networkPercent("networkReset", annotation.networkReset(), "reads and writes", where));
            }
            if (annotation.networkRefuse() != 0) {
                network = network.withRefuse(networkPercent("networkRefuse", annotation.networkRefuse(), "connects", where));
            }
            if (!annotation.networkBandwidth().isEmpty()) {
                network = network.withBandwidth(NetworkConstraint.parseBandwidth(annotation.networkBandwidth()));
            }
            if (annotation.networkBlackhole()) {
                network = network.withBlackhole(true);
            }
            if (annotation.networkHosts().length > 0) {
                network = network.withHosts(List.of(annotation.networkHosts()));
            }
            if (annotation.networkPorts().length > 0) {
                network = network.withPorts(Arrays.stream(annotation.networkPorts()).boxed().toList());
            }
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(annotationMessage(e.getMessage()) + " on " + where);
        }
        return network.equals(NetworkConstraint.none()) ? Optional.empty() : Optional.of(network);
    }

    /** {@code network.hosts must ...} becomes {@code @UnderPressure(networkHosts) must ...}; a bare problem names networkBandwidth. */
    private static String annotationMessage(String message) {
        java.util.regex.Matcher key = java.util.regex.Pattern.compile("network\\.([a-z])([a-zA-Z]*) (.*)", java.util.regex.Pattern.DOTALL)
                .matcher(message);
        if (key.matches()) {
            return "@UnderPressure(network" + key.group(1).toUpperCase(java.util.Locale.ROOT) + key.group(2) + ") " + key.group(3);
        }
        return "@UnderPressure(networkBandwidth) " + message;
    }

    private static java.time.Duration duration(String attribute, String text, String where) {
        try {
            return DurationText.parse(text, false);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("@UnderPressure(" + attribute + ") " + e.getMessage() + " on " + where);
        }
    }

    private static double networkPercent(String attribute, double value, String unit, String where) {
        if (!(value >= 0 && value <= 100)) {
            throw new ExtensionConfigurationException("@UnderPressure(" + attribute + ") must be between 0 and 100"
                    + " (percent of " + unit + "), but was " + value + " on " + where);
        }
        return value;
    }

    private static void requirePercent(String attribute, int value, String where) {
        if (value < 0 || value > 100) {
            throw new ExtensionConfigurationException("@UnderPressure(" + attribute + ") must be between 0 and 100,"
                    + " but was " + value + " on " + where);
        }
    }

    private static List<String> validate(ConstraintSet annotation, String where) {
        if (annotation.value().length == 0) {
            throw new ExtensionConfigurationException("@ConstraintSet(value) must name at least one constraint set,"
                    + " but was empty on " + where + "; for example @ConstraintSet(\"cpu-saturation\")");
        }
        for (String name : annotation.value()) {
            if (name == null || name.isBlank()) {
                throw new ExtensionConfigurationException("@ConstraintSet(value) must not contain a blank name,"
                        + " but was " + Arrays.toString(annotation.value()) + " on " + where);
            }
        }
        return List.of(annotation.value());
    }

    private static dev.panicattack.constraint.ConstraintSet fromAnnotation(UnderPressure annotation, String name) {
        dev.panicattack.constraint.ConstraintSet set = dev.panicattack.constraint.ConstraintSet.named(name);
        if (annotation.cpu() > 0) {
            set = set.withCpu(CpuConstraint.ofLoad(annotation.cpu()));
        }
        MemoryConstraint memory = MemoryConstraint.none();
        if (annotation.memory() > 0) {
            memory = memory.withHeap(annotation.memory());
        }
        if (annotation.memoryLeakRate() > 0) {
            memory = memory.withLeakRate(annotation.memoryLeakRate());
        }
        if (!memory.equals(MemoryConstraint.none())) {
            set = set.withMemory(memory);
        }
        TimeConstraint time = timeOf(annotation, name);
        if (!time.isEmpty()) {
            set = set.withTime(time);
        }
        Optional<ConcurrencyConstraint> concurrency = concurrencyOf(annotation);
        if (concurrency.isPresent()) {
            set = set.withConcurrency(concurrency.get());
        }
        DiskConstraint disk = new DiskConstraint(
                annotation.diskFill() > 0 ? OptionalInt.of(annotation.diskFill()) : OptionalInt.empty(),
                annotation.diskLatency().isEmpty() ? Optional.empty()
                        : Optional.of(DurationText.parse(annotation.diskLatency(), false)),
                annotation.diskBudget().isEmpty() ? OptionalLong.empty()
                        : OptionalLong.of(ByteSizeText.parse(annotation.diskBudget())),
                Arrays.stream(annotation.diskScope()).map(Path::of).toList(),
                annotation.diskErrorRate() > 0 ? OptionalDouble.of(annotation.diskErrorRate()) : OptionalDouble.empty(),
                annotation.diskSeed() >= 0 ? OptionalLong.of(annotation.diskSeed()) : OptionalLong.empty(),
                annotation.diskContention().isEmpty() ? OptionalLong.empty()
                        : OptionalLong.of(ByteSizeText.parseRate(annotation.diskContention())));
        if (!disk.equals(DiskConstraint.none())) {
            set = set.withDisk(disk);
        }
        Optional<NetworkConstraint> network = networkOf(annotation, name);
        if (network.isPresent()) {
            set = set.withNetwork(network.get());
        }
        return set;
    }

    private static ClassLoader classLoaderOf(ExtensionContext context) {
        ClassLoader loader = context.getRequiredTestClass().getClassLoader();
        return loader != null ? loader : ClassLoader.getSystemClassLoader();
    }
}
