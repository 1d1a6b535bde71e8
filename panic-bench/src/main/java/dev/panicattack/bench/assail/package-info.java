/**
 * Seeded corpus of the assail-recall benchmark: each class named {@code Seeded<CATEGORY>} holds one
 * pattern of that category; classes named {@code Clean*} hold near misses. Never executed.
 */
package dev.panicattack.bench.assail;
