package dev.panicattack.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.panicattack.junit.UnderPressure;

/** A bounded cache keeps its bound while the heap around it fills up, as under a leak elsewhere. */
// tag::leak[]
@UnderPressure(cpu = 50, memory = 40, memoryLeakRate = 2)
class LruCacheUnderLeakTest {

    @Test
    void boundedCacheStaysBoundedWhileTheHeapFills() {
        Map<Integer, byte[]> cache = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, byte[]> eldest) {
                return size() > 1_000;
            }
        };
        for (int i = 0; i < 200_000; i++) {
            cache.put(i, new byte[1024]);
        }
        assertThat(cache).hasSize(1_000);
    }
}
// end::leak[]
