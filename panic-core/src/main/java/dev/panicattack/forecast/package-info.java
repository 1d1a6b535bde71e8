/**
 * Forecasts from one run's heap evidence: when a growing live heap fills the heap
 * ({@link dev.panicattack.forecast.HeapExhaustion}, {@link dev.panicattack.forecast.ExhaustionForecast}) and the
 * smallest maximum heap at which the run would pass ({@link dev.panicattack.forecast.HeapNeed}). See
 * {@code docs/oom-prediction.md}.
 */
package dev.panicattack.forecast;
