/**
 * Corpus programs for threads, locks, hangs and pools: one seeded defect each (deadlock, stall,
 * missing timeout, pool saturation, lock contention, data race, thread leak, CPU starvation), and
 * correct concurrent programs that must get no signature. Run through
 * {@code dev.panicattack.examples.corpus.CorpusRun}; see {@code docs/corpus-threads.md}.
 */
package dev.panicattack.examples.corpus.threads;
