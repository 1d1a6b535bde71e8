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


/**
 * Lets a test change pressure in its body: a test method (or an {@code @BeforeEach} or
 * {@code @AfterEach} method: they share the test's control) declares a {@link dev.panicattack.pressure.PressureControl} parameter and receives one
 * control per test method, already open and with no pressure applied:
 *
 * <pre>{@code
 * @Test
 * @PressureInCode
 * void breakerOpensUnderALeak(PressureControl pressure) {
 *     pressure.set("memory", 60);
 *     pressure.ramp("memory", 90, Duration.ofSeconds(15));
 *     ...
 * }
 * }</pre>
 *
 * <p>The test runs as a trial, as under {@link UnderPressure}: the control's ballast counts as
 * ballast, its traces, facts and timeline are evidence and appear in the failure message and the
 * HTML report, and a failure or hang is diagnosed. When the test method ends, on every path (pass,
 * failure, error, timeout, hang), the control is closed: all pressure stops and no {@code panic-}
 * thread it started is alive. What it did is also published as the report entry
 * {@value #REPORT_ENTRY}: the timeline of changes and what each stressor achieved. Tests with this
 * annotation hold the same {@link ResourceLock} as {@link UnderPressure}, so under parallel execution
 * no other test runs beside them. On types it applies to every test method and is
 * inherited. Each invocation of a {@code @ParameterizedTest} or {@code @RepeatedTest} gets a control
 * of its own; a {@code @TestFactory} that takes a control is rejected before it runs (its dynamic
 * tests are tests of their own). Composes with {@link UnderPressure}, {@link ConstraintSet} and {@link Diagnose}: the
 * control's pressure is then applied on top of the declared one. See
 * {@code docs/pressure-in-code.md}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
// The extension is package-private: JUnit creates it reflectively through the opened package.
@SuppressWarnings("exports")
@ExtendWith({PressureControlExtension.class, TrialExtension.class})
@ResourceLock(value = Resources.GLOBAL, mode = ResourceAccessMode.READ_WRITE)
public @interface PressureInCode {

    /** The report entry key under which the control's timeline and achieved summary are published. */
    String REPORT_ENTRY = "panic.pressureControl";
}
