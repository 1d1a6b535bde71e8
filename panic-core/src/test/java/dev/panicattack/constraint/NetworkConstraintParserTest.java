package dev.panicattack.constraint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class NetworkConstraintParserTest {

    private static final String SOURCE = ConstraintErrors.SOURCE;

    private final ConstraintSetParser parser = new ConstraintSetParser();

    private NetworkConstraint network(String body) {
        return parser.parse(SOURCE, "foo", "name: foo\nnetwork:\n" + body).declared().network().orElseThrow();
    }

    private static void assertError(String body, int line, int column, String key, String problem) {
        ConstraintErrors.assertError("network:\n" + body, line, column, key, problem);
    }

    @Test
    void readsEveryNetworkKey() {
        NetworkConstraint c = network("  latency: 500ms\n  jitter: 100ms\n  loss: 1\n  bandwidth: 1MiB/s\n  reset: 0.5\n"
                + "  refuse: 100\n  blackhole: true\n  hosts: [127.0.0.1, localhost, '::1']\n  ports: [8080, 5432]\n"
                + "  seed: 42\n");

        assertThat(c).isEqualTo(new NetworkConstraint(Optional.of(Duration.ofMillis(500)), Optional.of(Duration.ofMillis(100)),
                OptionalDouble.of(1), OptionalLong.of(1024 * 1024), OptionalDouble.of(0.5), OptionalDouble.of(100),
                Optional.of(true), Optional.of(List.of("127.0.0.1", "localhost", "::1")), Optional.of(List.of(8080, 5432)),
                OptionalLong.of(42)));
        assertThat(network("  refuse: 100\n  ports: 8080\n").ports()).contains(List.of(8080));
    }

    @Test
    void bandwidthUnits() {
        assertThat(NetworkConstraint.parseBandwidth("2000B/s")).isEqualTo(2000);
        assertThat(NetworkConstraint.parseBandwidth("1.5kB/s")).isEqualTo(1500);
        assertThat(NetworkConstraint.parseBandwidth("512KiB/s")).isEqualTo(512 * 1024);
        assertThat(NetworkConstraint.parseBandwidth("1GB/s")).isEqualTo(1_000_000_000L);
    }

    @Test
    void badValuesAreLocatedAndExplained() {
        assertError("  bandwidth: 1000\n", 3, 14, "network.bandwidth",
                "expected a rate such as 1MiB/s, 512KiB/s or 2000B/s, but was 1000; add a unit: B/s, kB/s, KiB/s, MB/s,"
                        + " MiB/s, GB/s or GiB/s");
        assertError("  bandwidth: fast\n", 3, 14, "network.bandwidth",
                "expected a rate such as 1MiB/s, 512KiB/s or 2000B/s, but was 'fast'");
        assertError("  bandwidth: 0B/s\n", 3, 14, "network.bandwidth", "must be between 1B/s and 1024GiB/s, but was '0B/s'");
        assertError("  blackhole: yes please\n", 3, 14, "network.blackhole", "expected true or false, but was 'yes please'");
        assertError("  hosts: [example.com]\n", 3, 11, "network.hosts",
                "must hold loopback addresses (localhost, 127.x.x.x or ::1), but was example.com; network faults act"
                        + " on loopback traffic only");
        assertError("  ports: [0]\n", 3, 11, "network.ports", "must hold port numbers from 1 to 65535, but was 0");
        assertError("  ports: [http]\n", 3, 11, "network.ports",
                "expected a port number from 1 to 65535, but was 'http'");
        assertError("  refuse: 101\n", 3, 11, "network.refuse", "must be between 0 and 100 (percent of connects), but was 101");
        assertError("  latency: 11s\n", 3, 12, "network.latency",
                "must be between 0 and 10s, but was 11s; declare a duration such as 50ms");
        assertError("  seed: 1.5\n", 3, 9, "network.seed", "expected a whole number such as 123, but was 1.5");
        assertError("  jiter: 5ms\n", 3, 3, "network.jiter", "unknown key 'jiter'; did you mean 'jitter'? (valid keys:"
                + " latency, jitter, loss, bandwidth, reset, refuse, blackhole, hosts, ports, seed)");
    }

    @Test
    void laterValuesOverrideFieldByField() {
        NetworkConstraint base = NetworkConstraint.none().withLatency(Duration.ofMillis(50)).withPorts(List.of(80));
        NetworkConstraint merged = base.overriddenBy(NetworkConstraint.none().withLoss(1).withPorts(List.of(81)));
        assertThat(merged.latency()).contains(Duration.ofMillis(50));
        assertThat(merged.loss()).hasValue(1);
        assertThat(merged.ports()).contains(List.of(81));
        assertThatThrownBy(() -> NetworkConstraint.none().withBandwidth(0))
                .hasMessage("network.bandwidth must be at least 1 byte per second, but was 0B/s; declare a rate such as 1MiB/s");
    }
}
