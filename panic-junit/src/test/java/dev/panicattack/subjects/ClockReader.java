package dev.panicattack.subjects;

import java.util.Date;

/** Code outside the engine tests' package that reads the wall clock: under time pressure only when a test names it as its subject. */
public final class ClockReader {

    private ClockReader() {
    }

    /** How far {@code System.currentTimeMillis()} read here is from real time ({@code new Date()} reads it inside the JDK). */
    public static long offsetMillis() {
        return System.currentTimeMillis() - new Date().getTime();
    }
}
