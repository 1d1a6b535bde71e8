/**
 * Fuse assertions ({@link dev.panicattack.junit.PanicAssertions#assertThat(dev.panicattack.fuse.Fuse)}):
 * calls made through any {@link dev.panicattack.fuse.Fuse} under pressure, with the state sampled
 * after each. The Resilience4j adapters live in the panic-resilience4j module
 * ({@code dev.panicattack.resilience4j}). User guide: {@code docs/fuse-assertions.md}.
 */
package dev.panicattack.junit.fuse;
