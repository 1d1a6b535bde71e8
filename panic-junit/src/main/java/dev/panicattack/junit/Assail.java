package dev.panicattack.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

import dev.panicattack.assail.Category;

/**
 * Scans the code under test with {@link dev.panicattack.assail.AssailScanner} before the annotated test (or
 * every test of the annotated class) and runs it under the pressure the findings choose, with the
 * findings recorded as evidence: a targeted attack instead of a blind one.
 *
 * <p><b>What is scanned.</b> {@link #value()}: the code source (classes directory or jar) of each class,
 * keeping the findings in those classes and their nested classes. {@link #packages()}: every classpath
 * root of the test that holds the package, keeping the findings in the package and its subpackages.
 * {@link #paths()}: classes directories or jars, relative to the working directory, keeping all their
 * findings (or only those of {@code value}/{@code packages} when given too). With none of the three,
 * the subject is the test class's package: the classpath roots that hold it other than the test
 * class's own (so {@code target/classes}, not {@code target/test-classes}), or the test class's own
 * root when no other holds it; findings in that package and its subpackages are kept. Each location is
 * scanned once per run. Findings of an {@link #ignore()}d category are dropped.
 *
 * <p><b>What is chosen.</b> Each finding's axes map to constraint values through one table
 * ({@link dev.panicattack.assail.TargetedAttack}); several findings on one axis give it the strongest
 * value. Axes this build has no stressor for are chosen but not applied, and the report says so.
 *
 * <p><b>Composition.</b> Explicit declarations win: the run-wide set, {@link ConstraintSet} and
 * {@link UnderPressure} override the chosen values field by field. {@link Diagnose} settings (stall
 * window, failOn) apply as usual; {@code @Assail} implies diagnosis like the pressure annotations do.
 *
 * <p><b>Reported.</b> A report entry {@value #REPORT_ENTRY} before the test lists what the findings
 * chose; the findings enter the evidence as {@code static_*} facts and the report's "Assail findings"
 * section. A scan that cannot read its input fails the test before anything starts. Same safety and
 * resource lock as {@link UnderPressure}.
 *
 * <p>User guide: {@code docs/assail.md}, "Targeted attacks".
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(TrialExtension.class)
@ResourceLock(value = Resources.GLOBAL, mode = ResourceAccessMode.READ_WRITE)
public @interface Assail {

    /** The report entry key naming the findings and the axes they chose. */
    String REPORT_ENTRY = "panic.assail";

    /** Subject classes: their code sources are scanned, and their own findings (nested classes included) kept. */
    Class<?>[] value() default {};

    /** Subject packages, e.g. {@code "com.acme.bank"}: findings in them and their subpackages are kept. */
    String[] packages() default {};

    /** Classes directories or jars to scan, relative to the working directory, e.g. {@code "target/classes"}. */
    String[] paths() default {};

    /** Categories whose findings choose nothing and are not recorded. Empty by default. */
    Category[] ignore() default {};
}
