package dev.panicattack.junit;

import org.junit.jupiter.api.extension.ExtensionContext;

import dev.panicattack.pressure.PressurePlan;
import dev.panicattack.trial.TrialSpec;

/**
 * Everything one test declared: its pressure, its diagnosis, its probes and where its body runs,
 * validated together before anything starts. {@code panic.enabled=false} takes the pressure away
 * and leaves the diagnosis.
 */
record TrialDeclaration(PressureDeclaration pressure, DiagnosisDeclaration diagnosis, boolean enabled,
        ProbeDeclaration probes, boolean inCode, Diagnose.ThreadMode threadMode, boolean annotated,
        RunConfiguration.PassingReports passingReports) {

    static TrialDeclaration of(ExtensionContext context) {
        PressureDeclaration pressure = PressureDeclaration.of(context);
        DiagnosisDeclaration diagnosis = DiagnosisDeclaration.of(context, pressure.declared(), pressure.where());
        RunConfiguration run = RunConfiguration.of(context);
        boolean enabled = run.pressureOn();
        ProbeDeclaration probes = ProbeDeclaration.of(context, pressure.where());
        boolean inCode = PressureDeclaration.nearest(context, PressureInCode.class).isPresent();
        boolean annotated = inCode || PressureDeclaration.nearest(context, UnderPressure.class).isPresent()
                || PressureDeclaration.nearest(context, ConstraintSet.class).isPresent()
                || PressureDeclaration.nearest(context, Diagnose.class).isPresent()
                || PressureDeclaration.nearest(context, Assail.class).isPresent();
        return new TrialDeclaration(pressure, diagnosis, enabled, probes, inCode, threadMode(context, run), annotated,
                run.passingReports());
    }

    private static Diagnose.ThreadMode threadMode(ExtensionContext context, RunConfiguration run) {
        Diagnose.ThreadMode declared = PressureDeclaration.nearest(context, Diagnose.class)
                .map(Diagnose::threadMode).orElse(Diagnose.ThreadMode.INFERRED);
        return declared != Diagnose.ThreadMode.INFERRED ? declared : run.threadMode();
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
                .withSources(enabled ? pressure.sources() : java.util.List.of())
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
