/**
 * The memory axis: {@link dev.panicattack.pressure.memory.HeapPlan} and the
 * {@link dev.panicattack.pressure.memory.HeapBallast} that holds the heap at its target, and what
 * to do when the code under test runs out of memory ({@link dev.panicattack.pressure.memory.OutOfMemoryActions}).
 * Semantics: {@code docs/heap-pressure.md}.
 */
package dev.panicattack.pressure.memory;
