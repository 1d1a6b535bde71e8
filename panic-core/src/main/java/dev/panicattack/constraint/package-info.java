/**
 * Constraint sets: what pressure a test declared, typed and validated once at the boundary.
 *
 * <p>A {@link dev.panicattack.constraint.Constraints} is partial by design: every axis and every
 * field of an axis may be absent, so that sets compose field by field ({@code extends:} in YAML,
 * several names on {@code @ConstraintSet}). Defaults are applied only when a set is resolved into a
 * {@link dev.panicattack.pressure.PressurePlan}.
 */
package dev.panicattack.constraint;
