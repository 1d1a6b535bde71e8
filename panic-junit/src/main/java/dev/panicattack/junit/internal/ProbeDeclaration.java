package dev.panicattack.junit.internal;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.panicattack.junit.Diagnose;
import dev.panicattack.junit.PanicConfiguration;
import dev.panicattack.junit.UnderPressure;
import dev.panicattack.probe.ProbeSubject;

/**
 * What one test's probes instrument: {@code @Diagnose(subject)}, else {@code @UnderPressure(subject)},
 * else the test class's package; none when {@value PanicConfiguration#PROBES_ENABLED_PROPERTY_NAME}
 * is {@code false}. Validated here, before anything starts.
 */
record ProbeDeclaration(Optional<ProbeSubject> subject) {

    static ProbeDeclaration of(ExtensionContext context, String where) {
        Optional<Diagnose> diagnose = PressureDeclaration.nearest(context, Diagnose.class);
        Optional<UnderPressure> underPressure = PressureDeclaration.nearest(context, UnderPressure.class);
        ClassLoader loader = loaderOf(context);
        Optional<ProbeSubject> subject = Optional.empty();
        if (diagnose.isPresent() && diagnose.get().subject().length > 0) {
            subject = Optional.of(resolve("@Diagnose(subject)", where, diagnose.get().subject(), loader));
        } else if (underPressure.isPresent() && underPressure.get().subject().length > 0) {
            subject = Optional.of(resolve("@UnderPressure(subject)", where, underPressure.get().subject(), loader));
        }
        boolean enabled = context.getConfigurationParameter(PanicConfiguration.PROBES_ENABLED_PROPERTY_NAME)
                .map(value -> !value.trim().equalsIgnoreCase("false"))
                .orElse(true);
        if (!enabled) {
            return new ProbeDeclaration(Optional.empty());
        }
        return new ProbeDeclaration(Optional.of(subject.orElseGet(() -> ProbeSubject.packageOf(context.getRequiredTestClass()))));
    }

    private static ProbeSubject resolve(String attribute, String where, String[] names, ClassLoader loader) {
        try {
            return ProbeSubject.resolve(attribute, where, List.of(names), loader);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(e.getMessage(), e);
        }
    }

    private static ClassLoader loaderOf(ExtensionContext context) {
        ClassLoader loader = context.getRequiredTestClass().getClassLoader();
        return loader != null ? loader : ClassLoader.getSystemClassLoader();
    }
}
