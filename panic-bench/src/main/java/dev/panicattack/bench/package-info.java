/**
 * Benchmarks with one command each ({@code panic-bench/run NAME}) and {@code RESULT} lines out.
 * Add a benchmark by implementing {@link dev.panicattack.bench.Benchmark} and registering it in
 * {@link dev.panicattack.bench.Bench}.
 */
package dev.panicattack.bench;
