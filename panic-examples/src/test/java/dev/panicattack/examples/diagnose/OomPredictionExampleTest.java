package dev.panicattack.examples.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;

import dev.panicattack.junit.Diagnose;
import dev.panicattack.junit.PanicSignatureError;
import dev.panicattack.signature.BugClass;

/**
 * The example of docs/oom-prediction.md. It fails for real (a leak, judged with {@code failOn}); this
 * test runs it through the engine and asserts that its failure carries the forecast.
 */
class OomPredictionExampleTest {

    @AfterEach
    void forgetTheSessions() {
        SessionRegistry.SESSIONS.clear();
    }

    @Test
    void theLeakIsClassifiedAndTheHeapsExhaustionForecast() {
        PanicSignatureError error = (PanicSignatureError) EngineTestKit.engine("junit-jupiter")
                .configurationParameter("panic.diagnose.flightRecorder", "false")
                .selectors(selectClass(SessionRegistryTest.class)).execute().testEvents().failed().stream()
                .map(event -> event.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow())
                .findFirst().orElseThrow();

        assertThat(error.bugClass()).isEqualTo(BugClass.MEMORY_LEAK);
        long maxHeapMib = Math.round(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() / 1048576.0);
        assertThat(error.getMessage()).containsPattern("\nheap exhausted at ~" + maxHeapMib
                + " MiB after ~[0-9.]+ s \\([0-9.]+-[0-9.]+ s, 95%\\)\n");
    }

    /** Sessions that are opened and never closed. */
    static final class SessionRegistry {
        static final List<byte[]> SESSIONS = new ArrayList<>();

        static void open() {
            SESSIONS.add(new byte[64 * 1024]);
        }
    }

    // tag::forecast[]
    static class SessionRegistryTest {

        @Test
        @Diagnose(failOn = BugClass.MEMORY_LEAK)
        void opensSessionsForEightSeconds() {
            long end = System.nanoTime() + 8_000_000_000L;
            while (System.nanoTime() < end) {
                for (int i = 0; i < 4; i++) {
                    SessionRegistry.open(); // 64 KiB each, never closed
                }
                LockSupport.parkNanos(15_000_000L);
            }
        }
    }
    // end::forecast[]
}
