/**
 * What every pressure axis implements: a resolved {@link dev.panicattack.pressure.axis.AxisPlan},
 * the {@link dev.panicattack.pressure.axis.Stressor} it makes, the waveforms a level follows over
 * time, and the {@link dev.panicattack.pressure.axis.PressureTrace} of what was aimed for and achieved.
 */
package dev.panicattack.pressure.axis;
