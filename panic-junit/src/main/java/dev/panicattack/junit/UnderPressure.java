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

import dev.panicattack.junit.internal.TrialExtension;

/**
 * Runs the annotated test, or every test of the annotated class, under CPU and heap pressure held
 * by panic-attack for the whole test method invocation.
 *
 * <p><b>cpu</b>: the JVM (the test and the code under test, plus the library's burners) uses
 * {@code cpu} percent of the CPU capacity granted to the JVM, measured from process CPU time and
 * held by a closed loop that adds only what the test itself does not use. {@code 0}, the default,
 * applies no CPU pressure. Range 0 to 100.
 *
 * <p><b>memory</b>: the heap's live occupancy is held at {@code memory} percent of the maximum heap
 * by ballast the library owns. {@code 0}, the default, holds no base occupancy. Range 0 to 100.
 *
 * <p><b>memoryLeakRate</b>: the occupancy target grows by this many percent of the maximum heap per
 * second, from {@code memory} (or from the occupancy at the start when {@code memory} is 0), up to a
 * ceiling of 95 percent, as a real leak would. Range 0 to 100; default 0 (no leak).
 *
 * <p><b>Scope and precedence.</b> On a method it applies to that method; on a class, to each test
 * method of the class and its subclasses ({@link Inherited}); a method annotation overrides the class
 * annotation as a whole. Combined with {@link ConstraintSet}, the named sets are applied first and
 * the non-default attributes of this annotation override their fields. A run-wide set
 * ({@value PanicConfiguration#CONSTRAINT_SET_PROPERTY_NAME}) is the base under both, and
 * {@value PanicConfiguration#ENABLED_PROPERTY_NAME}{@code =false} turns all pressure off.
 *
 * <p><b>Safety.</b> Pressure starts after the whole configuration is validated and stops when the
 * test method ends, on every path (pass, failure, {@link OutOfMemoryError},
 * {@link StackOverflowError}, timeout, interrupt). An {@link OutOfMemoryError} releases the ballast
 * at once and fails only the test, not the run. Tests under pressure hold the exclusive resource
 * lock {@value PanicConfiguration#PRESSURE_RESOURCE_LOCK}, so they never run in parallel with each
 * other.
 *
 * <p>After the test, a report entry {@code panic.pressure} gives target versus achieved per axis.
 *
 * <p>User guide: {@code docs/under-pressure.md}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(TrialExtension.class)
@ResourceLock(value = PanicConfiguration.PRESSURE_RESOURCE_LOCK, mode = ResourceAccessMode.READ_WRITE)
@ResourceLock(value = PanicConfiguration.PROBES_RESOURCE_LOCK, mode = ResourceAccessMode.READ_WRITE)
public @interface UnderPressure {

    /** Percent of the JVM's CPU capacity held busy, including the test's own use; 0 to 100. */
    int cpu() default 0;

    /** Percent of the maximum heap held occupied; 0 to 100. */
    int memory() default 0;

    /** Growth of the occupancy target in percent of the maximum heap per second; 0 to 100. */
    double memoryLeakRate() default 0;

    /**
     * What the probes instrument while the test runs: fully qualified class names (with their nested
     * classes) or package names (with their subpackages), such as {@code "com.acme.orders"} or
     * {@code "com.acme.orders.OrderService"}. Empty (the default) means {@link Diagnose#subject()} if present, else the package of the test class
     * and its subpackages. Each name must be a loadable class or a package holding classes, else the
     * test fails before it starts. panic-attack's own classes are never probed.
     * User guide: {@code docs/probes.md}.
     */
    String[] subject() default {};
}
