package dev.panicattack.examples.corpus.races;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loads a configuration once, lazily. The defect: check-then-act on a plain field, so two threads that
 * both see {@code null} both load it.
 */
public final class ConfigCache {

    private final AtomicInteger loads;
    private Object config;

    public ConfigCache(AtomicInteger loads) {
        this.loads = loads;
    }

    public Object get() {
        if (config == null) {
            config = load();
        }
        return config;
    }

    private Object load() {
        loads.incrementAndGet();
        return new Object();
    }
}
