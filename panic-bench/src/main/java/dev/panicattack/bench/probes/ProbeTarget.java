package dev.panicattack.bench.probes;

/** The method the probe-overhead benchmark calls: a few nanoseconds of arithmetic. */
public final class ProbeTarget {

    private ProbeTarget() {
    }

    public static int work(int x) {
        return x * 31 + (x >>> 3);
    }
}
