/**
 * Pressure, the face users see: resolved plans, the session that runs them and pressure changed in code.
 *
 * <p>A {@link dev.panicattack.pressure.PressurePlan} is a {@link dev.panicattack.constraint.Constraints}
 * with defaults applied and every axis checked as supported. A {@link dev.panicattack.pressure.PressureSession}
 * runs the plan's stressors and owns them: closing the session stops every one, idempotently. Each
 * stressor measures what it achieved and reports it as a {@link dev.panicattack.pressure.axis.PressureTrace}.
 *
 * <p>Each axis has its own package ({@code cpu}, {@code memory}, {@code disk}, {@code network},
 * {@code concurrency}, {@code time}); what every axis implements is in {@code pressure.axis}. Axis
 * packages depend on {@code pressure.axis}, never on this package or on each other.
 */
package dev.panicattack.pressure;
