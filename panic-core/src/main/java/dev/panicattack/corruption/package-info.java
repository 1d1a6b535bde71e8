/**
 * Corrupted variants of input data: seeded, named, replayable mutations of a resource's bytes (bit
 * flips, truncation, deep nesting, huge lengths, invalid UTF-8, boundary numbers), for testing that a
 * parser fails with its documented error and never crashes. User guide: {@code docs/corrupted-input.md}.
 */
package dev.panicattack.corruption;
