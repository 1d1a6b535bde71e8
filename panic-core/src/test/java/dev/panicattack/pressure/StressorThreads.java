package dev.panicattack.pressure;

import java.util.List;

/** Enumerates live threads that panic-attack started, by their {@code panic-} name prefix. */
final class StressorThreads {

    private StressorThreads() {
    }

    static List<String> alive() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("panic-"))
                .sorted()
                .toList();
    }
}
