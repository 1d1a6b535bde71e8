/**
 * Fuse assertions ({@link dev.panicattack.junit.PanicAssertions#assertThat(dev.panicattack.fuse.Fuse)})
 * and the adapters that turn Resilience4j components into {@link dev.panicattack.fuse.Fuse}s. Each
 * adapter is its own class, so asserting on a plain fuse never loads Resilience4j. User guide:
 * {@code docs/fuse-assertions.md}.
 */
package dev.panicattack.junit.fuse;
