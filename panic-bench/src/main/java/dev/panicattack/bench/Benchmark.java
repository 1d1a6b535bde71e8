package dev.panicattack.bench;

import java.io.PrintStream;

/**
 * One benchmark, run by {@code panic-bench/run NAME}. Writes human lines and machine-readable
 * {@code RESULT <name> key=value ...} lines to {@code out}.
 */
public interface Benchmark {

    /** The name given on the command line. */
    String name();

    /** Runs the benchmark to completion. */
    void run(PrintStream out) throws Exception;
}
