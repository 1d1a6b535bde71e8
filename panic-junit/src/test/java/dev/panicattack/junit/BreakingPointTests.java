package dev.panicattack.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * {@link BreakingPoint} on real pressure: a client that reads its loopback answer with a fixed read
 * timeout breaks once network latency passes the timeout, and the search says where, between the last
 * level it passed and the first it failed; a violated bound fails the test with the summary; bad
 * attributes fail it before any trial.
 */
class BreakingPointTests {

    /** The fixture's read timeout: it breaks between the levels 100 ms and 150 ms the search below tries. */
    static final int READ_TIMEOUT_MS = 125;

    @TempDir
    static java.nio.file.Path reports;

    @Test
    void theSearchFindsTheLatencyAtWhichTheReadTimesOut() {
        Events tests = execute(LatencyTestCases.class);

        tests.assertStatistics(stats -> stats.started(1).succeeded(1));
        String summary = entries(tests).get(0);
        assertThat(summary.lines().findFirst().orElseThrow())
                .startsWith("breaking point: network latency 125 ms (100-150, ")
                .contains("; at 150 ms: ");
    }

    @Test
    void aViolatedBoundFailsTheTestWithTheSummary() {
        Events tests = execute(BrokenAtStartTestCases.class);

        Throwable failure = failure(tests);
        assertThat(failure).isInstanceOf(org.opentest4j.AssertionFailedError.class);
        assertThat(failure.getMessage().lines().findFirst().orElseThrow()).isEqualTo(
                "breaking point: below network latency 0 ms (fails at the start of the range); at 0 ms: UNCLASSIFIED");
        assertThat(entries(tests)).singleElement().isEqualTo(failure.getMessage());
    }

    @Test
    void theSearchWritesItsPageLinkedFromTheRunIndexAndItsTrialsReportsBeside() throws IOException {
        Events tests = execute(BrokenAtStartTestCases.class);

        java.nio.file.Path page = reports.resolve("breaking-point-BreakingPointTests.BrokenAtStartTestCases.neverAnswers.html");
        assertThat(entries(tests, PanicConfiguration.REPORT_ENTRY)).containsExactly(page.toString());
        assertThat(page).isRegularFile();
        assertThat(reports.resolve("breaking-point-BreakingPointTests.BrokenAtStartTestCases.neverAnswers.json")).isRegularFile();
        assertThat(java.nio.file.Files.readString(reports.resolve("index.html")))
                .contains("breaking-point-BreakingPointTests.BrokenAtStartTestCases.neverAnswers.html");
        assertThat(reports.resolve("breaking-point-BreakingPointTests.BrokenAtStartTestCases.neverAnswers-trials")).isDirectory();
    }

    @Test
    void anUnknownAxisFailsBeforeAnyTrial() {
        assertThat(failure(execute(UnknownAxisTestCases.class)))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@BreakingPoint(axis) unknown breaking-point axis 'network.lag'; use one of cpu.load,"
                        + " memory.heap, memory.leakRate, jvm.maxHeap, network.latency, network.loss, disk.fill,"
                        + " disk.latency, concurrency.contenders, time.skew on UnknownAxisTestCases.run()");
        assertThat(BodyRuns.COUNT.get()).isZero();
    }

    @Test
    void anInvertedRangeFailsBeforeAnyTrial() {
        assertThat(failure(execute(InvertedRangeTestCases.class)))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@BreakingPoint(from) must be below to, but the range 200 to 100 of network.latency is"
                        + " inverted; swap from and to on InvertedRangeTestCases.run()");
        assertThat(BodyRuns.COUNT.get()).isZero();
    }

    @Test
    void aBoundOfTheWrongDirectionFailsBeforeAnyTrial() {
        assertThat(failure(execute(HeapRequireAboveTestCases.class)))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@BreakingPoint(requireAbove) does not apply to jvm.maxHeap, which breaks as the level"
                        + " falls, but was 64; use requireBelow 64 for a test that must keep passing down to that level"
                        + " on HeapRequireAboveTestCases.run()");
        assertThat(BodyRuns.COUNT.get()).isZero();
    }

    @Test
    void aMalformedBudgetFailsBeforeAnyTrial() {
        assertThat(failure(execute(MalformedBudgetTestCases.class)))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("@BreakingPoint(budget) ")
                .hasMessageEndingWith(" on MalformedBudgetTestCases.run(); write it like 30s, 5m or 1h");
        assertThat(BodyRuns.COUNT.get()).isZero();
    }

    @Test
    void underALevelGivenToTheWholeRunTheBodyRunsOnceInsteadOfSearching() {
        Events tests = EngineTestKit.engine("junit-jupiter")
                .configurationParameter(PanicConfiguration.FLIGHT_RECORDER_PROPERTY_NAME, "false")
                .configurationParameter(PanicConfiguration.REPORTS_DIRECTORY_PROPERTY_NAME, reports.toString())
                .configurationParameter(PanicConfiguration.BREAKING_POINT_LEVEL_PROPERTY_NAME, "network.latency=50")
                .selectors(selectClass(LatencyTestCases.class))
                .execute().testEvents();

        tests.assertStatistics(stats -> stats.succeeded(1));
        assertThat(entries(tests)).isEmpty();
    }

    private static Events execute(Class<?> fixture) {
        BodyRuns.COUNT.set(0);
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(PanicConfiguration.FLIGHT_RECORDER_PROPERTY_NAME, "false")
                .configurationParameter(PanicConfiguration.REPORTS_DIRECTORY_PROPERTY_NAME, reports.toString())
                .selectors(selectClass(fixture))
                .execute().testEvents();
    }

    private static List<String> entries(Events tests) {
        return entries(tests, PanicConfiguration.BREAKING_POINT_REPORT_ENTRY);
    }

    private static List<String> entries(Events tests, String key) {
        return tests.reportingEntryPublished().stream()
                .map(event -> event.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs().get(key))
                .filter(value -> value != null).toList();
    }

    private static Throwable failure(Events tests) {
        List<Throwable> failures = tests.failed().stream()
                .map(event -> event.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow())
                .toList();
        assertThat(failures).hasSize(1);
        return failures.get(0);
    }

    /** One request and its answer over loopback, read with {@link #READ_TIMEOUT_MS}. */
    static void askLoopbackServer() throws IOException, InterruptedException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> {
                try (Socket accepted = server.accept()) {
                    InputStream in = accepted.getInputStream();
                    in.read();
                    accepted.getOutputStream().write('!');
                    accepted.getOutputStream().flush();
                    // Until the client closes: the answer stays readable however long the latency holds it.
                    in.read();
                } catch (IOException e) {
                    // The client gave up; nothing to answer.
                }
            }, "loopback-server");
            answering.start();
            try (Socket client = new Socket(server.getInetAddress(), server.getLocalPort())) {
                client.setSoTimeout(READ_TIMEOUT_MS);
                OutputStream out = client.getOutputStream();
                out.write("?".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(client.getInputStream().read()).isEqualTo('!');
            }
            answering.join();
        }
    }

    /** How many times a fixture's body ran in this JVM (its trials run in this JVM too). */
    static final class BodyRuns {
        static final java.util.concurrent.atomic.AtomicInteger COUNT = new java.util.concurrent.atomic.AtomicInteger();
    }

    static class LatencyTestCases {
        @BreakingPoint(axis = "network.latency", from = 0, to = 200, resolution = 50)
        void answersWithinTheReadTimeout() throws Exception {
            askLoopbackServer();
        }
    }

    static class BrokenAtStartTestCases {
        @BreakingPoint(axis = "network.latency", from = 0, to = 200, resolution = 50, requireAbove = 100)
        void neverAnswers() {
            throw new IllegalStateException("the service is down at every level");
        }
    }

    static class UnknownAxisTestCases {
        @BreakingPoint(axis = "network.lag", from = 0, to = 200)
        void run() {
            BodyRuns.COUNT.incrementAndGet();
        }
    }

    static class InvertedRangeTestCases {
        @BreakingPoint(axis = "network.latency", from = 200, to = 100)
        void run() {
            BodyRuns.COUNT.incrementAndGet();
        }
    }

    static class HeapRequireAboveTestCases {
        @BreakingPoint(axis = "jvm.maxHeap", from = 16, to = 256, requireAbove = 64)
        void run() {
            BodyRuns.COUNT.incrementAndGet();
        }
    }

    static class MalformedBudgetTestCases {
        @BreakingPoint(axis = "network.latency", from = 0, to = 200, budget = "ten minutes")
        void run() {
            BodyRuns.COUNT.incrementAndGet();
        }
    }
}
