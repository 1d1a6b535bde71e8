/**
 * Pressure: resolved plans, waveforms and the stressors that apply them.
 *
 * <p>A {@link dev.panicattack.pressure.PressurePlan} is a {@link dev.panicattack.constraint.Constraints}
 * with defaults applied and every axis checked as supported. A {@link dev.panicattack.pressure.PressureSession}
 * runs the plan's stressors and owns them: closing the session stops every one, idempotently. Each
 * stressor measures what it achieved and reports it as a {@link dev.panicattack.pressure.PressureTrace}.
 */
package dev.panicattack.pressure;
