/**
 * Corpus programs for clock faults: a request pacer and a job scheduler that wait until a deadline
 * computed from the wall clock, run while the clock steps back an hour every 300 ms. Two seeded STALL
 * defects (the wall-clock wait becomes an hour long) and three healthy programs (the same waits on
 * {@code System.nanoTime}, and wall-clock timestamps used only as labels). Run through
 * {@code dev.panicattack.examples.corpus.CorpusRun}; see {@code docs/time-pressure.md}.
 */
package dev.panicattack.examples.corpus.time;
