package dev.panicattack.junit.fuse;

import dev.panicattack.fuse.Fuse;
import java.util.Optional;

/**
 * The entry point for fuse assertions in projects without Resilience4j on the compile class path:
 * {@link dev.panicattack.junit.PanicAssertions} also declares overloads for Resilience4j types,
 * which javac must see to choose among them.
 */
public final class FuseAssertions {

    private FuseAssertions() {
    }

    /** Assertions on any {@link Fuse}; give the rejection type with {@link FuseAssert#rejectingWith} to assert shedding. */
    public static FuseAssert assertThat(Fuse fuse) {
        return new FuseAssert(fuse, "fuse", Optional.empty());
    }
}
