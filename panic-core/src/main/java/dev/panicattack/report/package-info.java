/**
 * Reports of one trial: a JSON file with all evidence and a self-contained HTML page per test
 * ({@link dev.panicattack.report.ReportWriter}), and an index page for a run
 * ({@link dev.panicattack.report.RunIndex}). The input is an immutable
 * {@link dev.panicattack.report.TrialReport}. See {@code docs/reports.md}.
 */
package dev.panicattack.report;
