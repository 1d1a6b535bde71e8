/**
 * Breaking points: where, on one pressure axis, a test starts failing. A
 * {@link dev.panicattack.breakingpoint.BreakingPointSearch} runs trials of one test at levels of one
 * {@link dev.panicattack.breakingpoint.BreakingAxis} through a
 * {@link dev.panicattack.breakingpoint.LevelTrials}, decides each level with a sequential test on its
 * failure rate, bisects, and returns a {@link dev.panicattack.breakingpoint.BreakingPointResult}: the level,
 * its interval and confidence, every level tried with its Wilson interval, and the classified cause at the
 * first failing level. See {@code docs/breaking-points.md}.
 */
package dev.panicattack.breakingpoint;
