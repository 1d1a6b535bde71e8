package dev.panicattack.junit.internal;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import dev.panicattack.junit.ConstraintSet;
import dev.panicattack.junit.PanicConfiguration;
import dev.panicattack.junit.UnderPressure;
import dev.panicattack.constraint.ConstraintSetException;
import dev.panicattack.constraint.ConstraintSetLibrary;
import dev.panicattack.constraint.CpuConstraint;
import dev.panicattack.constraint.DurationText;
import dev.panicattack.constraint.MemoryConstraint;
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

        List<String> names = new ArrayList<>(runWideSetNames(context));
        constraintSet.ifPresent(annotation -> names.addAll(validate(annotation, where)));

        dev.panicattack.constraint.ConstraintSet declared = dev.panicattack.constraint.ConstraintSet.named(
                names.isEmpty() ? "@UnderPressure" : String.join("+", names));
        if (!names.isEmpty()) {
            ConstraintSetLibrary library = ConstraintSetLibrary.fromClassLoader(classLoaderOf(context));
            try {
                declared = library.loadAll(names);
            } catch (ConstraintSetException e) {
                throw new ExtensionConfigurationException(e.getMessage() + " (needed by " + where + ")", e);
            }
        }
        if (underPressure.isPresent()) {
            declared = declared.overriddenBy(fromAnnotation(underPressure.get(), declared.name()));
        }
        try {
            boolean any = underPressure.isPresent() || !names.isEmpty();
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
        networkOf(annotation, where);
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

    private static List<String> runWideSetNames(ExtensionContext context) {
        return context.getConfigurationParameter(PanicConfiguration.CONSTRAINT_SET_PROPERTY_NAME)
                .map(value -> Arrays.stream(value.split(",")).map(String::trim).filter(name -> !name.isEmpty()).toList())
                .orElse(List.of());
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
