package dev.panicattack.pressure.time;

/** A subject class first loaded while the clock is already shifted: rewritten at load time, not retransformed. */
final class LateClockReader {

    private LateClockReader() {
    }

    static long currentTimeMillis() {
        return System.currentTimeMillis();
    }
}
