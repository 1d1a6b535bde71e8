package dev.panicattack.junit.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.panicattack.constraint.DurationText;
import dev.panicattack.junit.Diagnose;
import dev.panicattack.junit.PanicConfiguration;
import dev.panicattack.signature.BugClass;
import dev.panicattack.trial.TrialSpec;

/**
 * Whether one test is diagnosed, with which stall window and which classes fail it even when it
 * passes: from {@link Diagnose}, implied by a pressure annotation, or run-wide. Validated here,
 * before anything starts.
 */
record DiagnosisDeclaration(boolean active, Duration stallWindow, Set<BugClass> failOn) {

    static DiagnosisDeclaration of(ExtensionContext context, boolean pressureDeclared, String where) {
        Optional<Diagnose> diagnose = PressureDeclaration.nearest(context, Diagnose.class);
        boolean runWide = context.getConfigurationParameter(PanicConfiguration.DIAGNOSE_PROPERTY_NAME)
                .map(value -> value.trim().equalsIgnoreCase("true")).orElse(false);
        Duration window = runWideStallWindow(context);
        Set<BugClass> failOn = runWideFailOn(context);
        if (diagnose.isPresent()) {
            String text = diagnose.get().stallWindow();
            if (!text.isEmpty()) {
                window = stallWindow(text, "@Diagnose(stallWindow)", where);
            }
            if (diagnose.get().failOn().length > 0) {
                failOn = EnumSet.copyOf(Arrays.asList(diagnose.get().failOn()));
            }
        }
        return new DiagnosisDeclaration(diagnose.isPresent() || pressureDeclared || runWide, window, failOn);
    }

    private static Duration runWideStallWindow(ExtensionContext context) {
        return context.getConfigurationParameter(PanicConfiguration.STALL_WINDOW_PROPERTY_NAME)
                .map(text -> stallWindow(text.trim(), PanicConfiguration.STALL_WINDOW_PROPERTY_NAME, "the run"))
                .orElse(TrialSpec.DEFAULT_STALL_WINDOW);
    }

    private static Duration stallWindow(String text, String attribute, String where) {
        Duration window;
        try {
            window = DurationText.parse(text, false);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(attribute + " " + e.getMessage() + " on " + where
                    + "; write it like 500ms, 10s or 1m");
        }
        if (window.compareTo(TrialSpec.MIN_STALL_WINDOW) < 0 || window.compareTo(TrialSpec.MAX_STALL_WINDOW) > 0) {
            throw new ExtensionConfigurationException(attribute + " must be between 100ms and 1h, but was " + text
                    + " on " + where);
        }
        return window;
    }

    private static Set<BugClass> runWideFailOn(ExtensionContext context) {
        Optional<String> names = context.getConfigurationParameter(PanicConfiguration.FAIL_ON_PROPERTY_NAME);
        Set<BugClass> classes = EnumSet.noneOf(BugClass.class);
        if (names.isEmpty()) {
            return classes;
        }
        for (String name : names.get().split(",")) {
            String trimmed = name.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                classes.add(BugClass.valueOf(trimmed.toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ExtensionConfigurationException(PanicConfiguration.FAIL_ON_PROPERTY_NAME + " names '" + trimmed
                        + "', which is not a bug class; use any of " + Arrays.toString(BugClass.values()), e);
            }
        }
        return classes;
    }
}
