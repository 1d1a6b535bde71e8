package dev.panicattack.junit.fuse;

/**
 * One call through the protection under test, for example {@code () -> breaker.executeSupplier(client::fetch)}.
 * The fuse assertions make these calls themselves, as the load, and classify how each ends:
 * normally, rejected by the fuse (by exception type), or failed otherwise.
 */
@FunctionalInterface
public interface FuseCall {

    /** Makes one call. */
    void call() throws Exception;
}
