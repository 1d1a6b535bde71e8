package dev.panicattack.examples.corpus.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

import dev.panicattack.examples.corpus.Seeded;
import dev.panicattack.junit.Diagnose;
import dev.panicattack.signature.BugClass;

/**
 * MEMORY_LEAK: tests that pass while retention grows steadily across collections. Each request
 * leaks about 160 KiB; 40 steps of 25 requests, paced about 50 ms apart, retain about 156 MiB (a
 * seventh of a 1 GiB heap, dropped in a finally block), while the request's own garbage keeps young
 * collections coming. The amount leaked is fixed, not the time: a slow machine leaks the same.
 */
public class LeakPrograms {

    static final long RUN_NANOS = TimeUnit.MILLISECONDS.toNanos(2_500);
    static final int REQUESTS_PER_STEP = 25;
    static final int STEPS = 40;

    /** An event bus whose subscribers are added per request and never removed. */
    static final class EventBus {
        private final List<Consumer<String>> listeners = new ArrayList<>();

        void subscribe(Consumer<String> listener) {
            listeners.add(listener);
        }

        void unsubscribe(Consumer<String> listener) {
            listeners.remove(listener);
        }

        int publish(String event) {
            listeners.forEach(listener -> listener.accept(event));
            return listeners.size();
        }

        void clear() {
            listeners.clear();
        }
    }

    /** One request's session: it keeps a render buffer and listens for price changes. */
    static final class Session implements Consumer<String> {
        private final byte[] renderBuffer = new byte[160 * 1024];
        private int updates;

        @Override
        public void accept(String event) {
            updates++;
            renderBuffer[updates % renderBuffer.length] = (byte) event.length();
        }
    }

    /** The request's own short-lived work: garbage that keeps young collections coming. */
    static long churn(int request) {
        long sum = 0;
        for (int i = 0; i < 8; i++) {
            byte[] scratch = new byte[256 * 1024];
            scratch[request % scratch.length] = (byte) request;
            sum += scratch[(request + i) % scratch.length];
        }
        return sum;
    }

    @Test
    @Seeded(BugClass.MEMORY_LEAK)
    @Diagnose(failOn = BugClass.MEMORY_LEAK)
    void listenersAreNeverUnsubscribed() throws InterruptedException {
        EventBus prices = new EventBus();
        try {
            int request = 0;
            for (int step = 0; step < STEPS; step++) {
                for (int i = 0; i < REQUESTS_PER_STEP; i++) {
                    Session session = new Session();
                    prices.subscribe(session);
                    churn(request++);
                    // The defect: the session ends here without prices.unsubscribe(session).
                }
                prices.publish("tick");
                TimeUnit.MILLISECONDS.sleep(40);
            }
            assertThat(request).isPositive();
        } finally {
            prices.clear();
        }
    }

    @Test
    @Seeded(BugClass.MEMORY_LEAK)
    @Diagnose(failOn = BugClass.MEMORY_LEAK)
    void responseCacheKeyedByRequestIdHasNoBound() throws InterruptedException {
        // The defect: strong values, no maximum size, no expiry, and a key that never repeats.
        Cache<String, byte[]> responses = CacheBuilder.newBuilder().build();
        try {
            int request = 0;
            for (int step = 0; step < STEPS; step++) {
                for (int i = 0; i < REQUESTS_PER_STEP; i++) {
                    String requestId = "req-" + request;
                    byte[] response = responses.asMap().computeIfAbsent(requestId, id -> new byte[160 * 1024]);
                    response[0] = (byte) churn(request++);
                }
                TimeUnit.MILLISECONDS.sleep(40);
            }
            assertThat(responses.size()).isEqualTo(request);
        } finally {
            responses.invalidateAll();
        }
    }

    @Test
    @Seeded(BugClass.MEMORY_LEAK)
    @Diagnose(failOn = BugClass.MEMORY_LEAK)
    void tokenizedDocumentsKeptByUniqueId() throws InterruptedException {
        // The defect: a registry meant to deduplicate documents, keyed by an id that is unique per call.
        Map<Long, List<String>> byId = new HashMap<>();
        try {
            long id = 0;
            for (int step = 0; step < STEPS; step++) {
                for (int i = 0; i < REQUESTS_PER_STEP; i++) {
                    List<String> tokens = new ArrayList<>(3_000);
                    for (int t = 0; t < 3_000; t++) {
                        tokens.add("token-" + t + "-" + id);
                    }
                    byId.put(id++, tokens);
                    churn((int) id);
                }
                TimeUnit.MILLISECONDS.sleep(40);
            }
            assertThat(byId).isNotEmpty();
        } finally {
            byId.clear();
        }
    }
}
