/**
 * The memory part of the seeded-defect corpus: leaks, heap exhaustion, collection thrashing,
 * unbounded recursion and leaked resources, and healthy memory-hungry programs that must get no
 * signature. Run only through {@code CorpusRun}; registered in {@code MemoryCorpus.CLASSES}.
 */
package dev.panicattack.examples.corpus.memory;
