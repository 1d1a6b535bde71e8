package dev.panicattack.junit;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import dev.panicattack.constraint.ConstraintSetException;
import dev.panicattack.constraint.ConstraintSetName;
import dev.panicattack.constraint.Constraints;
import dev.panicattack.pressure.PressurePlan;
import dev.panicattack.pressure.PressureSource;
import dev.panicattack.subject.Subject;

/**
 * What pressure one test declared, from the run-wide set, {@link ConstraintSet} and
 * {@link UnderPressure}, validated and resolved into a {@link PressurePlan}, with where it came from
 * ({@code sources}, in merge order). Every check happens here, before anything starts.
 */
record PressureDeclaration(String where, List<PressureSource> sources, PressurePlan plan) {


    PressureDeclaration {
        sources = List.copyOf(sources);
    }

    /** Whether the test declared any pressure (its plan may still have no axis). */
    boolean declared() {
        return !sources.isEmpty();
    }

    static PressureDeclaration of(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        String where = method.getDeclaringClass().getSimpleName() + "." + method.getName() + "()";
        Optional<UnderPressure> underPressure = nearest(context, UnderPressure.class);
        Optional<ConstraintSet> constraintSet = nearest(context, ConstraintSet.class);

        List<PressureSource> sources = new ArrayList<>();
        List<ConstraintSetName> names = new ArrayList<>();
        for (ConstraintSetName name : RunConfiguration.of(context).sets()) {
            sources.add(new PressureSource.RunWideSet(name));
            names.add(name);
        }
        for (ConstraintSetName name : constraintSet.map(annotation -> validate(annotation, where)).orElse(List.of())) {
            sources.add(new PressureSource.NamedSet(name));
            names.add(name);
        }
        underPressure.ifPresent(annotation -> sources.add(new PressureSource.Inline()));
        Optional<LevelParameter> level = RunConfiguration.of(context).level();
        level.ifPresent(parameter -> sources.add(parameter.source()));

        // Named for what merged it, so a plan that cannot be resolved says which declaration to fix.
        Constraints declared = Constraints.named(PressureSource.labels(sources));
        if (!names.isEmpty()) {
            try {
                declared = named(LoadedSets.of(context, classLoaderOf(context)).load(names), declared.name());
            } catch (ConstraintSetException e) {
                throw new ExtensionConfigurationException(e.getMessage() + " (needed by " + where + ")", e);
            }
        }
        if (underPressure.isPresent()) {
            declared = declared.overriddenBy(InlineConstraints.of(underPressure.get(), declared.name(), where));
        }
        if (level.isPresent() && level.get().constraints().isPresent()) {
            // A breaking-point search's level, last: over whatever the test declares on that axis.
            declared = declared.overriddenBy(named(level.get().constraints().get(), declared.name()));
        }
        boolean any = !sources.isEmpty();
        // @Assail: the findings' applicable choices are the base; every explicit declaration overrides them.
        Optional<AssailDeclaration> assail = AssailDeclaration.of(context, where);
        if (assail.isPresent()) {
            assail.get().remember(context, declared);
            declared = any ? assail.get().attack().applicable().overriddenBy(declared) : assail.get().attack().applicable();
            sources.add(0, new PressureSource.AttackChoice());
        }
        try {
            // The named subject steers the axes that act on the code under test, as it steers the probes.
            Subject subject = ProbeDeclaration.named(context, where)
                    .orElseGet(() -> Subject.packageOf(context.getRequiredTestClass()));
            return new PressureDeclaration(where, sources, PressurePlan.resolve(declared, subject));
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

    private static List<ConstraintSetName> validate(ConstraintSet annotation, String where) {
        if (annotation.value().length == 0) {
            throw new ExtensionConfigurationException("@ConstraintSet(value) must name at least one constraint set,"
                    + " but was empty on " + where + "; for example @ConstraintSet(\"cpu-saturation\")");
        }
        List<ConstraintSetName> names = new ArrayList<>();
        for (String name : annotation.value()) {
            try {
                names.add(ConstraintSetName.of(name));
            } catch (IllegalArgumentException e) {
                throw new ExtensionConfigurationException("@ConstraintSet(value) " + e.getMessage() + " on " + where, e);
            }
        }
        return names;
    }

    /** {@code set} under another name: the sets' merge is named for what declared it, not by the joined names. */
    private static Constraints named(Constraints set, String name) {
        return set.overriddenBy(Constraints.named(name));
    }

    private static ClassLoader classLoaderOf(ExtensionContext context) {
        ClassLoader loader = context.getRequiredTestClass().getClassLoader();
        return loader != null ? loader : ClassLoader.getSystemClassLoader();
    }
}
