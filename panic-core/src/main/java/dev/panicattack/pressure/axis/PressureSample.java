package dev.panicattack.pressure.axis;

import java.time.Duration;

/**
 * One measurement window of a stressor: what it aimed for and what it measured, at {@code at} since
 * the session started (the window's end).
 */
public record PressureSample(Duration at, double target, double achieved) {
}
