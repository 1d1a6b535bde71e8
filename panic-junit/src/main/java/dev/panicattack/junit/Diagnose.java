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

import dev.panicattack.signature.BugClass;

/**
 * Records evidence while the annotated test (or every test of the annotated class) runs, and when
 * it fails, or hangs, derives the class of defect from that evidence: the test then fails with a
 * {@link PanicSignatureError} naming the class, a confidence and the proof. Applies no pressure;
 * {@link UnderPressure} and {@link ConstraintSet} imply it.
 *
 * <p><b>Hangs</b> are diagnosed, not waited out: a lock cycle among the test's threads is judged as
 * soon as it forms, a stall (no test thread making progress) after {@link #stallWindow()}; the
 * verdict is printed and its report written at once, and the test fails as soon as its thread is
 * freed. The test method runs on JUnit's own thread, so the thread-bound context other extensions set
 * up (a Spring test transaction, MDC, a security context) reaches it; {@link #threadMode()} chooses
 * a thread of its own instead ({@code docs/thread-model.md}).
 *
 * <p>When no rule derives a class, the original failure propagates unchanged. A report (JSON and
 * HTML) is written under {@code target/panic-reports/} for every test that failed, was classified
 * or ran under pressure.
 *
 * <p><b>Scope.</b> On a method, a class or an interface (inherited by subclasses, implementing
 * classes and {@code @Nested} classes), or through an annotation of your own that carries it; a
 * method annotation replaces the class one. Each parameterized or repeated invocation and each
 * dynamic test is diagnosed on its own.
 * Run-wide: {@value PanicConfiguration#DIAGNOSE_PROPERTY_NAME}{@code =true} with JUnit extension
 * auto-detection diagnoses every test.
 *
 * <p>User guide: {@code docs/diagnose.md}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(TrialExtension.class)
@ResourceLock(value = Resources.GLOBAL, mode = ResourceAccessMode.READ_WRITE)
public @interface Diagnose {

    /**
     * How long no test thread may make progress before the test is judged stalled, as a duration
     * such as {@code 500ms}, {@code 10s} or {@code 1m}. Empty (the default) means the run-wide
     * {@value PanicConfiguration#STALL_WINDOW_PROPERTY_NAME}, else 10 seconds. Between 100 ms and 1 hour.
     */
    String stallWindow() default "";

    /**
     * Classes that fail the test even when it passes: with {@code failOn = MEMORY_LEAK} a green test
     * whose evidence shows a leak fails with a {@link PanicSignatureError}. Empty by default. A passing
     * test can show only the classes whose rules need no failure (docs/diagnose.md, "Failing a passing
     * test"); naming another class does not change its outcome.
     */
    BugClass[] failOn() default {};

    /**
     * What the probes instrument while the test runs: fully qualified class names (with their nested
     * classes) or package names (with their subpackages), such as {@code "com.acme.orders"} or
     * {@code "com.acme.orders.OrderService"}. Empty (the default) means the package of the test class
     * and its subpackages. Each name must be a loadable class or a package holding classes, else the
     * test fails before it starts. panic-attack's own classes are never probed.
     * User guide: {@code docs/probes.md}.
     */
    String[] subject() default {};

    /**
     * Where the test method runs. {@link ThreadMode#SAME_THREAD}: on JUnit's thread, with every
     * thread-bound context; a hung body fails the test once an interrupt frees it, and a body stuck on a
     * monitor cycle cannot be freed (the verdict is printed, the thread stays stuck).
     * {@link ThreadMode#SEPARATE_THREAD}: in a thread of its own named {@code test-body-<method>}
     * (thread-bound context does not reach it), so a hang fails the test at once whatever the body
     * waits on. {@link ThreadMode#INFERRED} (the default): the run-wide
     * {@value PanicConfiguration#THREAD_MODE_PROPERTY_NAME}, else {@code SAME_THREAD}.
     */
    ThreadMode threadMode() default ThreadMode.INFERRED;

    /** Where a diagnosed test method runs; see {@link Diagnose#threadMode()}. */
    enum ThreadMode {
        /** The run-wide setting, else {@link #SAME_THREAD}. */
        INFERRED,
        /** On JUnit's own thread. */
        SAME_THREAD,
        /** On a thread of its own. */
        SEPARATE_THREAD
    }
}
