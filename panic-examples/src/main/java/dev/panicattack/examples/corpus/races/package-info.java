/**
 * Corpus programs for data races exposed by the concurrency axis's scheduling noise: a counter whose
 * increment is a plain read-modify-write of a shared field (lost updates) and a lazily created
 * singleton whose check-then-act runs twice, each run under seeded noise and classified DATA_RACE;
 * and their correct versions (atomic, synchronized, volatile double-checked) that pass with no
 * signature under the same noise. Count-bounded: fixed numbers of threads, rounds and increments.
 * Run through {@code dev.panicattack.examples.corpus.CorpusRun}; see {@code docs/concurrency-pressure.md}.
 */
package dev.panicattack.examples.corpus.races;
