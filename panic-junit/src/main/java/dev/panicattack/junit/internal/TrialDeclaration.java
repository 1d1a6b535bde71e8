package dev.panicattack.junit.internal;

import java.util.Locale;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.panicattack.junit.Assail;
import dev.panicattack.junit.ConstraintSet;
import dev.panicattack.junit.Diagnose;
import dev.panicattack.junit.PanicConfiguration;
import dev.panicattack.junit.PressureInCode;
import dev.panicattack.junit.UnderPressure;
import dev.panicattack.pressure.PressurePlan;
import dev.panicattack.trial.TrialSpec;

/**
 * Everything one test declared: its pressure, its diagnosis, its probes and where its body runs,
 * validated together before anything starts. {@code panic.enabled=false} takes the pressure away
 * and leaves the diagnosis.
 */
record TrialDeclaration(PressureDeclaration pressure, DiagnosisDeclaration diagnosis, boolean enabled,
        ProbeDeclaration probes, boolean inCode, Diagnose.ThreadMode threadMode, boolean annotated,
        PassingReports passingReports) {

    /** Which passing tests get a report page: {@value PanicConfiguration#PASSING_REPORTS_PROPERTY_NAME}. */
    enum PassingReports { DECLARED, ALL, NONE }

    static TrialDeclaration of(ExtensionContext context) {
        PressureDeclaration pressure = PressureDeclaration.of(context);
        DiagnosisDeclaration diagnosis = DiagnosisDeclaration.of(context, pressure.declared(), pressure.where());
        boolean enabled = PressureSwitch.on(context);
        ProbeDeclaration probes = ProbeDeclaration.of(context, pressure.where());
        boolean inCode = PressureDeclaration.nearest(context, PressureInCode.class).isPresent();
        boolean annotated = inCode || PressureDeclaration.nearest(context, UnderPressure.class).isPresent()
                || PressureDeclaration.nearest(context, ConstraintSet.class).isPresent()
                || PressureDeclaration.nearest(context, Diagnose.class).isPresent()
                || PressureDeclaration.nearest(context, Assail.class).isPresent();
        return new TrialDeclaration(pressure, diagnosis, enabled, probes, inCode, threadMode(context), annotated,
                passingReports(context));
    }

    private static Diagnose.ThreadMode threadMode(ExtensionContext context) {
        Diagnose.ThreadMode declared = PressureDeclaration.nearest(context, Diagnose.class)
                .map(Diagnose::threadMode).orElse(Diagnose.ThreadMode.INFERRED);
        if (declared != Diagnose.ThreadMode.INFERRED) {
            return declared;
        }
        return context.getConfigurationParameter(PanicConfiguration.THREAD_MODE_PROPERTY_NAME)
                .map(value -> option(Diagnose.ThreadMode.class, PanicConfiguration.THREAD_MODE_PROPERTY_NAME, value))
                .filter(mode -> mode != Diagnose.ThreadMode.INFERRED)
                .orElse(Diagnose.ThreadMode.SAME_THREAD);
    }

    private static PassingReports passingReports(ExtensionContext context) {
        return context.getConfigurationParameter(PanicConfiguration.PASSING_REPORTS_PROPERTY_NAME)
                .map(value -> option(PassingReports.class, PanicConfiguration.PASSING_REPORTS_PROPERTY_NAME, value))
                .orElse(PassingReports.DECLARED);
    }

    private static <E extends Enum<E>> E option(Class<E> type, String parameter, String value) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E constant : type.getEnumConstants()) {
                allowed.append(allowed.length() == 0 ? "" : ", ").append(constant.name().toLowerCase(Locale.ROOT));
            }
            throw new ExtensionConfigurationException(parameter + " must be one of " + allowed + ", but was '"
                    + value + "'", e);
        }
    }

    /**
     * Whether anything is to be done for this test: diagnosis (declared, implied by pressure, or
     * run-wide), or pressure in code while the library is switched on.
     */
    boolean active() {
        return diagnosis.active() || enabled && inCode;
    }

    /** Whether the test runs under a plan's pressure, which needs the run to itself. */
    boolean pressured() {
        return enabled && (pressure.declared() || inCode);
    }

    TrialSpec spec(ExtensionContext context) {
        PressurePlan plan = enabled ? pressure.plan() : PressurePlan.none();
        TrialSpec spec = new TrialSpec(
                new TrialSpec.TestIdentity(context.getUniqueId(), context.getDisplayName(),
                        context.getRequiredTestClass().getName(), context.getRequiredTestMethod().getName()),
                plan, diagnosis.stallWindow(), diagnosis.failOn())
                .withDeclaredFacts(AssailDeclaration.withFacts(context, DeclaredFacts.of(context)));
        spec = probes.subject().map(spec::withProbes).orElse(spec);
        boolean page = switch (passingReports) {
            case ALL -> true;
            case NONE -> false;
            case DECLARED -> annotated;
        };
        return page ? spec : spec.withIndexRowWhenPassed();
    }
}
