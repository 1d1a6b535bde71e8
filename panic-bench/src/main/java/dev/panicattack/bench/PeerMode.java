package dev.panicattack.bench;

import java.util.Map;

/** The three ways {@code peer-suites} runs each suite, each in a JVM of its own. */
enum PeerMode {

    /** panic-junit on the class path, nothing switched on. */
    PLAIN("plain", Map.of()),
    /** Run-wide diagnosis of every test. */
    DIAGNOSE("diagnose", Map.of(
            "junit.jupiter.extensions.autodetection.enabled", "true",
            "panic.diagnose", "true")),
    /** The built-in {@code production-spike} constraint set on every test. */
    SPIKE("spike", Map.of(
            "junit.jupiter.extensions.autodetection.enabled", "true",
            "panic.constraintSet", "production-spike"));

    private final String label;
    private final Map<String, String> configuration;

    PeerMode(String label, Map<String, String> configuration) {
        this.label = label;
        this.configuration = configuration;
    }

    String label() {
        return label;
    }

    Map<String, String> configuration() {
        return configuration;
    }
}
