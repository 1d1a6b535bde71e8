package dev.panicattack.corruption;

/**
 * SplitMix64, written out so that a seed names the same bytes on every JDK: the JDK's generators
 * do not promise their algorithm across releases, and a corrupted variant must replay exactly.
 */
final class SeededSequence {

    private long state;

    SeededSequence(long seed) {
        this.state = seed;
    }

    long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A value in {@code [0, bound)}; {@code bound} must be positive. */
    int nextInt(int bound) {
        return (int) Math.floorMod(nextLong(), (long) bound);
    }
}
