package dev.panicattack.junit.internal;

import org.junit.jupiter.api.extension.ExtensionContext;

import dev.panicattack.junit.PanicConfiguration;
import dev.panicattack.junit.PressureInCode;
import dev.panicattack.trial.TrialSpec;

/** Everything one test declared: its pressure, its diagnosis and its probes, validated together before anything starts. */
record TrialDeclaration(PressureDeclaration pressure, DiagnosisDeclaration diagnosis, boolean enabled,
        ProbeDeclaration probes, boolean inCode) {

    static TrialDeclaration of(ExtensionContext context) {
        PressureDeclaration pressure = PressureDeclaration.of(context);
        DiagnosisDeclaration diagnosis = DiagnosisDeclaration.of(context, pressure.declared(), pressure.where());
        boolean enabled = context.getConfigurationParameter(PanicConfiguration.ENABLED_PROPERTY_NAME)
                .map(value -> !value.trim().equalsIgnoreCase("false"))
                .orElse(true);
        ProbeDeclaration probes = ProbeDeclaration.of(context, pressure.where());
        boolean inCode = PressureDeclaration.nearest(context, PressureInCode.class).isPresent();
        return new TrialDeclaration(pressure, diagnosis, enabled, probes, inCode);
    }

    /** Whether anything is to be done for this test: pressure (declared or in code) or diagnosis, and the library switched on. */
    boolean active() {
        return enabled && (pressure.declared() || diagnosis.active() || inCode);
    }

    TrialSpec spec(ExtensionContext context) {
        TrialSpec spec = new TrialSpec(
                new TrialSpec.TestIdentity(context.getUniqueId(), context.getDisplayName(),
                        context.getRequiredTestClass().getName(), context.getRequiredTestMethod().getName()),
                pressure.plan(), diagnosis.stallWindow(), diagnosis.failOn())
                .withDeclaredFacts(AssailDeclaration.withFacts(context, DeclaredFacts.of(context)));
        return probes.subject().map(spec::withProbes).orElse(spec);
    }
}
