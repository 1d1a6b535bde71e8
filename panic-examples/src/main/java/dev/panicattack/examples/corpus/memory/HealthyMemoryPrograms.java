package dev.panicattack.examples.corpus.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.apache.commons.pool2.impl.GenericObjectPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

import dev.panicattack.examples.corpus.Healthy;
import dev.panicattack.examples.corpus.memory.LeakPrograms.EventBus;
import dev.panicattack.examples.corpus.memory.LeakPrograms.Session;
import dev.panicattack.examples.corpus.memory.ResourceLeakPrograms.Connection;
import dev.panicattack.junit.Diagnose;
import dev.panicattack.junit.UnderPressure;
import dev.panicattack.signature.BugClass;

/**
 * Correct memory-hungry programs: bounded caches, returned resources, streaming, bounded nesting and
 * iterative walks. Under heap pressure and judged for leaks, thrashing and resource leaks, each must
 * pass with no signature.
 */
public class HealthyMemoryPrograms {

    /**
     * As long as the leak programs run: a healthy program is cleared by the exact live-heap points,
     * and on a busy machine, where each full collection takes a few hundred milliseconds and the
     * probe spaces them out, a shorter run gets fewer than the three a fit needs.
     */
    static final long RUN_NANOS = LeakPrograms.RUN_NANOS;

    @Test
    @Healthy
    @UnderPressure(memory = 70, memoryLeakRate = 1)
    @Diagnose(failOn = {BugClass.MEMORY_LEAK, BugClass.GC_THRASHING, BugClass.RESOURCE_LEAK})
    void boundedCaffeineCacheWhileTheHeapFills() {
        LoadingCache<Integer, byte[]> renders = Caffeine.newBuilder().maximumSize(200).build(key -> new byte[16 * 1024]);
        long end = System.nanoTime() + RUN_NANOS;
        int request = 0;
        while (System.nanoTime() < end) {
            renders.get(request++ % 5_000)[0] = 1;
        }
        renders.cleanUp();
        assertThat(renders.estimatedSize()).isLessThanOrEqualTo(200);
    }

    @Test
    @Healthy
    @UnderPressure(memory = 70, memoryLeakRate = 1)
    @Diagnose(failOn = {BugClass.MEMORY_LEAK, BugClass.GC_THRASHING, BugClass.RESOURCE_LEAK})
    void boundedGuavaCacheKeyedByRequestId() throws InterruptedException {
        Cache<String, byte[]> responses = CacheBuilder.newBuilder().maximumSize(100).build();
        int request = 0;
        long end = System.nanoTime() + RUN_NANOS;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 10; i++) {
                responses.put("req-" + request, new byte[160 * 1024]);
                LeakPrograms.churn(request++);
            }
            TimeUnit.MILLISECONDS.sleep(40);
        }
        assertThat(responses.size()).isLessThanOrEqualTo(100);
    }

    @Test
    @Healthy
    @Diagnose(failOn = {BugClass.MEMORY_LEAK, BugClass.GC_THRASHING, BugClass.RESOURCE_LEAK})
    void listenersUnsubscribeWhenTheSessionEnds() throws InterruptedException {
        EventBus prices = new EventBus();
        int request = 0;
        long end = System.nanoTime() + LeakPrograms.RUN_NANOS;
        while (System.nanoTime() < end) {
            for (int i = 0; i < LeakPrograms.REQUESTS_PER_STEP; i++) {
                Session session = new Session();
                prices.subscribe(session);
                try {
                    LeakPrograms.churn(request++);
                } finally {
                    prices.unsubscribe(session);
                }
            }
            assertThat(prices.publish("tick")).isZero();
            TimeUnit.MILLISECONDS.sleep(40);
        }
    }

    @Test
    @Healthy
    @Diagnose(stallWindow = "1s", failOn = {BugClass.MEMORY_LEAK, BugClass.GC_THRASHING, BugClass.RESOURCE_LEAK})
    void pooledConnectionsAlwaysReturnedInFinally() throws Exception {
        try (GenericObjectPool<Connection> pool = ResourceLeakPrograms.pool(Duration.ofMillis(300))) {
            int refused = 0;
            for (int i = 0; i < 100; i++) {
                Connection connection = pool.borrowObject();
                try {
                    connection.query(i % 5 == 4 ? "DROP TABLE t" + i : "SELECT " + i);
                } catch (IllegalArgumentException refusedByServer) {
                    refused++;
                } finally {
                    pool.returnObject(connection);
                }
            }
            assertThat(refused).isEqualTo(20);
            assertThat(pool.getNumActive()).isZero();
        }
    }

    @Test
    @Healthy
    @Diagnose(stallWindow = "1s", failOn = BugClass.RESOURCE_LEAK)
    void uploadPermitsReleasedOnEveryPath() throws InterruptedException {
        Semaphore slots = new Semaphore(3);
        int rejected = 0;
        for (int i = 0; i < 50; i++) {
            slots.acquire();
            try {
                if (i % 4 == 3) {
                    throw new IllegalArgumentException("empty upload rejected");
                }
            } catch (IllegalArgumentException e) {
                rejected++;
            } finally {
                slots.release();
            }
        }
        assertThat(rejected).isEqualTo(12);
        assertThat(slots.availablePermits()).isEqualTo(3);
    }

    @Test
    @Healthy
    @UnderPressure(memory = 80)
    @Diagnose(failOn = {BugClass.MEMORY_LEAK, BugClass.GC_THRASHING})
    void largeExportStreamedLineByLine() throws IOException {
        // About 150 MB of CSV, most of the heap that is left, summed without holding it.
        InputStream export = new GeneratedCsv(1_500_000);
        long total = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(export, StandardCharsets.US_ASCII))) {
            String line;
            while ((line = reader.readLine()) != null) {
                total += line.length();
            }
        }
        assertThat(total).isGreaterThan(100_000_000L);
    }

    @Test
    @Healthy
    @UnderPressure(memory = 60)
    void moderatelyNestedJsonParsedWithJackson() throws IOException {
        String json = "{\"a\":[".repeat(300) + "1" + "]}".repeat(300);
        JsonNode root = new ObjectMapper().readTree(json);
        int depth = 0;
        for (JsonNode node = root; node.isObject(); node = node.get("a").get(0)) {
            depth++;
        }
        assertThat(depth).isEqualTo(300);
    }

    @Test
    @Healthy
    @Diagnose
    void deepTreeWalkedIterativelyWithAnExplicitStack() {
        Map<Integer, List<Integer>> children = new LinkedHashMap<>();
        for (int node = 0; node < 200_000; node++) {
            children.put(node, node + 1 < 200_000 ? List.of(node + 1) : List.of());
        }
        Deque<Integer> pending = new ArrayDeque<>();
        pending.push(0);
        int visited = 0;
        while (!pending.isEmpty()) {
            int node = pending.pop();
            visited++;
            children.get(node).forEach(pending::push);
        }
        assertThat(visited).isEqualTo(200_000);
    }

    @Test
    @Healthy
    @UnderPressure(memory = 60)
    @Diagnose(failOn = {BugClass.MEMORY_LEAK, BugClass.RESOURCE_LEAK})
    void filesWrittenAndReadWithTryWithResources(@TempDir Path dir) throws IOException {
        List<Path> written = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Path file = dir.resolve("part-" + i + ".txt");
            try (BufferedWriter writer = Files.newBufferedWriter(file)) {
                writer.write("line " + i + "\n".repeat(10));
            }
            written.add(file);
        }
        long lines = 0;
        for (Path file : written) {
            try (BufferedReader reader = Files.newBufferedReader(file)) {
                lines += reader.lines().count();
            }
        }
        assertThat(lines).isEqualTo(200 * 10);
    }

    @Test
    @Healthy
    @UnderPressure(memory = 70)
    @Diagnose(failOn = {BugClass.MEMORY_LEAK, BugClass.GC_THRASHING})
    void parityComputedIterativelyForALargeCount() {
        long n = 1_000_000;
        boolean even = true;
        for (long i = 0; i < n; i++) {
            even = !even;
        }
        assertThat(even).isTrue();
        assertThat(RecursionPrograms.isEven(1_000)).isTrue();
    }

    /** A CSV export produced on the fly, never held in memory as a whole. */
    static final class GeneratedCsv extends InputStream {
        private final int rows;
        private int row;
        private byte[] current = new byte[0];
        private int pos;

        GeneratedCsv(int rows) {
            this.rows = rows;
        }

        @Override
        public int read() {
            if (pos == current.length) {
                if (row == rows) {
                    return -1;
                }
                current = (row++ + ",customer-" + row + ",2024-01-01,12.50,EUR,shipped to the warehouse, aisle 4, bin 17, signed\n")
                        .getBytes(StandardCharsets.US_ASCII);
                pos = 0;
            }
            return current[pos++];
        }
    }
}
