/**
 * Corpus programs for a full disk: journals and caches that write under the temporary directory
 * while the disk budget is 99% used. Two seeded DISK_FULL_UNHANDLED defects (the refusal escapes
 * as an unchecked exception; the refusal is swallowed and the saved state is lost) and two programs
 * that handle the full disk. Run through {@code dev.panicattack.examples.corpus.CorpusRun}; see
 * {@code docs/corpus-disk.md}.
 */
package dev.panicattack.examples.corpus.disk;
