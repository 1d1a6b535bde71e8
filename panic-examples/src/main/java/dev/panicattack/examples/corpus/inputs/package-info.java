/**
 * The corrupted-input part of the seeded-defect corpus: parsers that crash with an undocumented
 * runtime exception on corrupted variants of their input (MALFORMED_INPUT_CRASH), and careful
 * parsers that only ever reject with their documented error. Run only through {@code CorpusRun};
 * registered in {@code InputCorpus.CLASSES}.
 */
package dev.panicattack.examples.corpus.inputs;
