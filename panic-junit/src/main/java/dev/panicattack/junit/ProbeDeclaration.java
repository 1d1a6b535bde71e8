package dev.panicattack.junit;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.panicattack.subject.Subject;
import dev.panicattack.subject.UnresolvedSubjectException;

/**
 * What one test's probes instrument: {@code @Diagnose(subject)}, else {@code @UnderPressure(subject)};
 * without either, the test class's package when {@value PanicConfiguration#PROBES_ENABLED_PROPERTY_NAME}
 * is {@code true}, else nothing; nothing at all when it is {@code false}. Validated here, before anything starts.
 */
record ProbeDeclaration(Optional<Subject> subject) {

    static ProbeDeclaration of(ExtensionContext context, String where) {
        Optional<Subject> subject = named(context, where);
        // Probes rewrite the subject's bytecode, which changes how the JIT treats it: they act where a
        // test names its subject, or on every diagnosed test when the run switches them on.
        Optional<Boolean> switched = RunConfiguration.of(context).probes();
        if (switched.isPresent() && !switched.get()) {
            return new ProbeDeclaration(Optional.empty());
        }
        if (subject.isPresent() || switched.isEmpty()) {
            return new ProbeDeclaration(subject);
        }
        return new ProbeDeclaration(Optional.of(Subject.packageOf(context.getRequiredTestClass())));
    }

    /** The subject the test names, {@code @Diagnose(subject)} else {@code @UnderPressure(subject)}, checked; empty when it names none. */
    static Optional<Subject> named(ExtensionContext context, String where) {
        Optional<Diagnose> diagnose = PressureDeclaration.nearest(context, Diagnose.class);
        Optional<UnderPressure> underPressure = PressureDeclaration.nearest(context, UnderPressure.class);
        ClassLoader loader = loaderOf(context);
        if (diagnose.isPresent() && diagnose.get().subject().length > 0) {
            return Optional.of(resolve("@Diagnose(subject)", where, diagnose.get().subject(), loader));
        } else if (underPressure.isPresent() && underPressure.get().subject().length > 0) {
            return Optional.of(resolve("@UnderPressure(subject)", where, underPressure.get().subject(), loader));
        }
        return Optional.empty();
    }

    private static Subject resolve(String attribute, String where, String[] names, ClassLoader loader) {
        for (String name : names) {
            if (name == null || name.isBlank() || name.trim().startsWith(".") || name.trim().endsWith(".")) {
                throw new ExtensionConfigurationException(attribute + " must name classes or packages, but contained '"
                        + name + "' on " + where + "; write a class (com.acme.orders.OrderService) or a package (com.acme.orders)");
            }
        }
        try {
            return new Subject(List.of(names).stream().map(String::trim).toList()).resolve(loader);
        } catch (UnresolvedSubjectException e) {
            throw new ExtensionConfigurationException(attribute + " names '" + e.name() + "', which is neither a loadable"
                    + " class nor a package with classes on the test's class path, on " + where + "; check the spelling,"
                    + " or name a class (com.acme.orders.OrderService) or a package (com.acme.orders)", e);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(attribute + " on " + where + ": " + e.getMessage(), e);
        }
    }

    private static ClassLoader loaderOf(ExtensionContext context) {
        ClassLoader loader = context.getRequiredTestClass().getClassLoader();
        return loader != null ? loader : ClassLoader.getSystemClassLoader();
    }
}
