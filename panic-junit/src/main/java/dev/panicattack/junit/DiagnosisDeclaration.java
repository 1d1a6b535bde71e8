package dev.panicattack.junit;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.panicattack.constraint.DurationText;
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
        RunConfiguration run = RunConfiguration.of(context);
        boolean runWide = run.diagnoseAll();
        Duration window = run.stallWindow();
        Set<BugClass> failOn = run.failOn();
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

    static Duration stallWindow(String text, String attribute, String where) {
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
}
