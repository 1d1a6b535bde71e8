package dev.panicattack.junit;

import dev.panicattack.fuse.Fuse;
import dev.panicattack.junit.fuse.FuseAssert;
import java.util.Optional;

/**
 * panic-attack's AssertJ entry point: {@code assertThat(fuse)} for any {@link Fuse}. The overloads
 * for Resilience4j components are in the panic-resilience4j module
 * ({@code dev.panicattack.resilience4j.Resilience4jAssertions}), so this class needs no optional
 * dependency. User guide: {@code docs/fuse-assertions.md}.
 */
public final class PanicAssertions {

    private PanicAssertions() {
    }

    /** Assertions on any {@link Fuse}; give the rejection type with {@link FuseAssert#rejectingWith} to assert shedding. */
    public static FuseAssert assertThat(Fuse fuse) {
        return new FuseAssert(fuse, "fuse", Optional.empty());
    }
}
