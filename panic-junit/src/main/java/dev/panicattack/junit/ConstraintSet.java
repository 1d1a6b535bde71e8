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
 * Runs the annotated test, or every test of the annotated class, under one or more named constraint
 * sets: YAML files found on the test classpath at {@code panic/constraint-sets/<name>.yaml}, then in
 * the built-in library.
 *
 * <p>Several names merge field by field, later names overriding earlier ones: with
 * {@code @ConstraintSet({"cpu-spikes", "heap-pressure"})} the test gets the CPU axis of the first
 * and the memory axis of the second, and where both declare the same field the second wins.
 *
 * <p><b>Scope and precedence.</b> On a method it applies to that method; on a class or an interface,
 * to each test method of the class, of its subclasses, of the classes implementing the interface and
 * of its {@code @Nested} classes, and through an annotation of your own that carries it; a method
 * annotation replaces the class annotation. Each parameterized or repeated invocation and each
 * dynamic test is a test of its own, as under {@link UnderPressure}. The
 * run-wide set ({@value PanicConfiguration#CONSTRAINT_SET_PROPERTY_NAME}) is the base under it, and
 * non-default {@link UnderPressure} attributes override it.
 *
 * <p>Every set is loaded and validated before any pressure starts: an unknown name lists the sets
 * found; a YAML error names the file, line, column and key. An axis that has no stressor yet is an
 * error, never silently skipped. Same safety and resource lock as {@link UnderPressure}.
 *
 * <p>User guide: {@code docs/constraint-set-annotation.md}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(TrialExtension.class)
@ResourceLock(value = Resources.GLOBAL, mode = ResourceAccessMode.READ_WRITE)
public @interface ConstraintSet {

    /** One or more set names, merged in order. */
    String[] value();
}
