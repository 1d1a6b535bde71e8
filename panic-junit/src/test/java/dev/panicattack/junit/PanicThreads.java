package dev.panicattack.junit;

import java.util.List;

/** What the tests look at to prove nothing is left behind: live threads the library started. */
final class PanicThreads {

    private PanicThreads() {
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
