package dev.panicattack.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.Events;

import dev.panicattack.signature.BugClass;

/**
 * A diagnosed test whose live heap grows gets a forecast of when the heap runs out, in its failure
 * message, its report entry and its report (JSON and page); one whose heap does not grow gets none,
 * only the smallest maximum heap it needs.
 */
class HeapForecastTests {

    private static final String FORECAST = "heap exhausted at ~%d MiB after ~[0-9.]+ s \\([0-9.]+-[0-9.]+ s, 95%%\\)";
    private static final String NEED = "smallest max heap to pass ~[0-9.]+ MiB \\(peak live [0-9.]+ MiB; the old generation"
            + " may take [0-9]+% of the heap\\)";
    private static final long MIB = 1024 * 1024;

    @AfterEach
    void releaseTheLeak() {
        LeakingTestCases.KEPT.clear();
    }

    @Test
    void aLeakingTestFailsWithTheForecastInItsMessageAndReport() throws IOException {
        Events tests = DiagnoseTests.execute(LeakingTestCases.class, Map.of());

        Throwable failure = DiagnoseTests.singleFailure(tests);
        assertThat(failure).isInstanceOf(PanicSignatureError.class);
        assertThat(((PanicSignatureError) failure).bugClass()).isEqualTo(BugClass.MEMORY_LEAK);
        String forecast = String.format(FORECAST, Math.round(maxHeap() / (double) MIB));
        assertThat(failure.getMessage()).containsPattern("\n" + forecast + "\nfix: ");
        assertThat(entries(tests, PanicConfiguration.HEAP_REPORT_ENTRY)).singleElement().asString()
                .matches(forecast + "; " + NEED);
        Path html = Path.of(entries(tests, PanicConfiguration.REPORT_ENTRY).get(0));
        String json = Files.readString(Path.of(html.toString().replaceAll("\\.html$", ".json")));
        assertThat(json).containsPattern("\"heapExhaustion\": \\{\\s*\"atMs\": \\d+,\\s*\"lowMs\": \\d+,\\s*\"highMs\": \\d+,"
                + "\\s*\"bytes\": " + maxHeap() + ",\\s*\"text\": \"" + forecast + "\"")
                .containsPattern("\\{\"p\": ?\"heap_exhaustion_forecast\", ?\"v\": ?\\[\\d+, ?\\d+, ?\\d+, ?" + maxHeap() + "\\]\\}");
        assertThat(Files.readString(html)).containsPattern("<dt>Heap forecast</dt><dd>" + forecast + "</dd>");
    }

    @Test
    void aTestWhoseHeapDoesNotGrowGetsNoForecast() throws IOException {
        Events tests = DiagnoseTests.execute(SteadyTestCases.class, Map.of());

        tests.assertStatistics(stats -> stats.started(1).succeeded(1));
        assertThat(entries(tests, PanicConfiguration.HEAP_REPORT_ENTRY)).singleElement().asString().matches(NEED);
        String json = Files.readString(Path.of(entries(tests, PanicConfiguration.REPORT_ENTRY).get(0)
                .replaceAll("\\.html$", ".json")));
        assertThat(json).doesNotContain("heapExhaustion").doesNotContain("heap_exhaustion_forecast")
                .contains("\"heapNeeded\"");
    }

    private static long maxHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
    }

    private static List<String> entries(Events tests, String key) {
        return tests.reportingEntryPublished().stream()
                .map(event -> event.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs())
                .filter(pairs -> pairs.containsKey(key)).map(pairs -> pairs.get(key)).toList();
    }

    /**
     * Keeps 16 MiB more every second for 8 s: 128 MiB, an eighth of the test JVM's 1 GiB heap. As long
     * as that so that a loaded machine, which spaces the live-heap probe's collections (one took 1.3 s
     * here), still gives the leak rule its 4 points.
     */
    static class LeakingTestCases {

        static final List<byte[]> KEPT = new ArrayList<>();

        @Test
        @Diagnose(failOn = BugClass.MEMORY_LEAK)
        void keepsEverySession() {
            pace(8_000_000_000L, () -> KEPT.add(new byte[64 * 1024]), 16 * MIB / (64 * 1024));
        }
    }

    /** Makes garbage at 40 MiB/s for 3 s, and keeps none of it. */
    static class SteadyTestCases {

        @Test
        @Diagnose(failOn = BugClass.MEMORY_LEAK)
        void forgetsEverySession() {
            byte[][] last = new byte[1][];
            pace(3_000_000_000L, () -> last[0] = new byte[64 * 1024], 40 * MIB / (64 * 1024));
        }
    }

    /** Runs {@code step} {@code perSecond} times a second for {@code nanos}. */
    private static void pace(long nanos, Runnable step, long perSecond) {
        long start = System.nanoTime();
        long done = 0;
        for (long elapsed = 0; elapsed < nanos; elapsed = System.nanoTime() - start) {
            for (; done < perSecond * elapsed / 1_000_000_000L; done++) {
                step.run();
            }
            LockSupport.parkNanos(5_000_000L);
        }
    }
}
