package dev.panicattack.evidence;

/**
 * Records facts into an {@link EvidenceStore} while a test runs. {@link #start(EvidenceStore)} is
 * called once before the test body; {@link #close()} stops recording, is idempotent and never
 * throws. A sensor may record a final observation in {@link #close()}.
 */
public interface Sensor extends AutoCloseable {

    /** A short name for reports and error messages: {@code jvm}, {@code jfr}, {@code os}. */
    String name();

    /** Starts recording into {@code store}. */
    void start(EvidenceStore store);

    /** Takes one observation now, in the caller's thread (used at failure time). */
    default void observeNow() {
    }

    @Override
    void close();
}
