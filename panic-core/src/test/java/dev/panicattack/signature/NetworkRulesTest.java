package dev.panicattack.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.panicattack.evidence.Fact;

/** The network rules on hand-made evidence: what each needs, and what it must not conclude. */
class NetworkRulesTest {

    private final SignatureEngine engine = SignatureEngine.withPatternLibrary(getClass().getClassLoader())
            .withCalibration(Calibration.none());

    private static List<Fact> stalledIn(String... frames) {
        List<Fact> facts = new ArrayList<>(List.of(Fact.of("first_test_thread_id", 40), Fact.of("test_thread", 40),
                Fact.of("net_plan", 0, 0, 0.0, 0, 0.0, 0.0, 1, 7),
                Fact.of("hang", 1200, "stall"), Fact.of("stall_window", 1000), Fact.of("no_progress", 1200, 40, 1100)));
        for (int depth = 0; depth < frames.length; depth++) {
            facts.add(Fact.of("hang_frame", 1200, 40, depth, frames[depth]));
        }
        return facts;
    }

    private static final String[] CHANNEL_READ = {"jdk.internal.misc.Unsafe.park", "java.util.concurrent.locks.LockSupport.parkNanos",
        "dev.panicattack.pressure.network.FaultHook.pause", "sun.nio.ch.SocketChannelImpl.read", "com.example.Client.call"};

    @Test
    void anUntimedReadOfABlackholedConnectionIsAMissingTimeoutWithTheConnectionInTheProof() {
        List<Fact> facts = stalledIn(CHANNEL_READ);
        facts.add(Fact.of("net_fault", 100, "blackhole", "127.0.0.1", 8080));
        facts.add(Fact.of("socket_read", 100, 40, "127.0.0.1", 8080, 0));

        List<Signature> signatures = engine.diagnose(facts);

        assertThat(signatures).extracting(Signature::bugClass).containsExactly(BugClass.MISSING_TIMEOUT);
        assertThat(String.join("\n", signatures.get(0).proofs())).contains("faulted-read-without-timeout")
                .contains("socket_read(t=100, thread=40, host=\"127.0.0.1\", port=8080, timeout_ms=0)")
                .contains("sun.nio.ch.SocketChannelImpl.read");
    }

    @Test
    void aReadWithATimeoutDoesNotMatchTheNetworkRule() {
        List<Fact> facts = stalledIn(CHANNEL_READ);
        facts.add(Fact.of("net_fault", 100, "latency", "127.0.0.1", 8080));
        facts.add(Fact.of("socket_read", 100, 40, "127.0.0.1", 8080, 200));

        List<Signature> signatures = engine.diagnose(facts);

        assertThat(String.join("\n", signatures.stream().flatMap(s -> s.proofs().stream()).toList()))
                .doesNotContain("faulted-read-without-timeout");
    }

    @Test
    void aReadTimeoutLongerThanTheStallWindowCountsAsNone() {
        List<Fact> facts = stalledIn(CHANNEL_READ);
        facts.add(Fact.of("net_fault", 100, "latency", "127.0.0.1", 8080));
        facts.add(Fact.of("socket_read", 100, 40, "127.0.0.1", 8080, 180_000));

        List<Signature> signatures = engine.diagnose(facts);

        assertThat(signatures).extracting(Signature::bugClass).containsExactly(BugClass.MISSING_TIMEOUT);
        assertThat(String.join("\n", signatures.get(0).proofs())).contains("faulted-read-timeout-beyond-stall-window")
                .contains("timeout_ms=180000");
    }

    @Test
    void noHangNoSignature() {
        List<Fact> facts = new ArrayList<>(List.of(Fact.of("first_test_thread_id", 40), Fact.of("test_thread", 40),
                Fact.of("net_fault", 100, "blackhole", "127.0.0.1", 8080), Fact.of("socket_read", 100, 40, "127.0.0.1", 8080, 0)));

        assertThat(engine.diagnose(facts)).isEmpty();
    }
}
