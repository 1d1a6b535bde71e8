package dev.panicattack.junit.probes;

/** Code under test for the probe engine tests. */
public final class Library {

    private Library() {
    }

    public static int square(int x) {
        return x * x;
    }
}
