/**
 * panic-attack for JUnit Jupiter: the annotations ({@code @UnderPressure}, {@code @ConstraintSet},
 * {@code @Diagnose}, {@code @BreakingPoint} and the others), the extension that runs a test as a
 * trial, and the fuse assertions.
 */
module dev.panicattack.junit {
    requires transitive dev.panicattack.core;
    requires transitive org.junit.jupiter.api;
    requires transitive org.junit.platform.launcher;
    requires transitive org.assertj.core;
    requires java.management;

    exports dev.panicattack.junit;
    exports dev.panicattack.junit.fuse;

    // JUnit creates the extensions named by the annotations reflectively.
    opens dev.panicattack.junit to org.junit.platform.commons;

    provides org.junit.jupiter.api.extension.Extension with dev.panicattack.junit.TrialExtension;
    provides org.junit.platform.launcher.TestExecutionListener with dev.panicattack.junit.PressureSummaryListener;
}
