package dev.panicattack.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import com.sun.net.httpserver.HttpServer;

import dev.panicattack.junit.UnderPressure.Network;
import dev.panicattack.pressure.network.FaultProxy;
import dev.panicattack.pressure.network.NetworkFaults;

/** Network pressure through the engine: faults act during the test and are gone after it, on every path. */
class NetworkPressureTests {

    private static final String HOOK_PROPERTY = "dev.panicattack.network.hook";
    private static final AtomicReference<FaultProxy> PROXY = new AtomicReference<>();

    @Test
    void latencySlowsTheTestsRoundTripsAndIsGoneAfterThePass() throws IOException {
        UnderPressureValidationTests.execute(LatencyTestCases.class)
                .assertStatistics(stats -> stats.started(2).succeeded(2));
        assertThat(System.getProperties()).doesNotContainKey(HOOK_PROPERTY);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
            assertThat(socket.isConnected()).isTrue();
        }
    }

    @Test
    void aFailingTestUnderABlackholeLeavesNoHookAndNoProxy() throws IOException {
        UnderPressureValidationTests.execute(BlackholeTestCases.class).assertThatEvents()
                .haveExactly(1, event(test("readTimesOut"), finishedWithFailure(instanceOf(SocketTimeoutException.class))));
        assertThat(System.getProperties()).doesNotContainKey(HOOK_PROPERTY);
        FaultProxy proxy = PROXY.get();
        assertThat(proxy).isNotNull();
        assertThat(proxy.isOpen()).isFalse();
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), proxy.port()).close())
                .isInstanceOf(ConnectException.class);
        assertThat(PanicThreads.alive()).isEmpty();
    }

    @Test
    void badNetworkAttributesAreRejectedWithExactMessages() {
        assertSingleFailure(LossTestCases.class, "@UnderPressure(network = @Network(loss)) must be between 0 and 100 (percent of"
                + " writes), but was 150 on LossTestCases.run()");
        assertSingleFailure(HostsTestCases.class, "@UnderPressure(network = @Network(hosts)) must hold loopback addresses"
                + " (localhost, 127.x.x.x or ::1), but was 'example.com'; network faults act on loopback traffic only on HostsTestCases.run()");
        assertSingleFailure(BandwidthTestCases.class, "@UnderPressure(network = @Network(bandwidth)) expected a rate such as 1MiB/s,"
                + " 512KiB/s or 2000B/s, but was 'fast' on BandwidthTestCases.run()");
        assertSingleFailure(LatencyTooLongTestCases.class, "@UnderPressure(network = @Network(latency)) must be between 0 and 10s, but"
                + " was 11s; declare a duration such as 50ms on LatencyTooLongTestCases.run()");
        assertSingleFailure(PortsTestCases.class, "@UnderPressure(network = @Network(ports)) must hold port numbers from 1 to"
                + " 65535, but was 70000 on PortsTestCases.run()");
        assertThat(System.getProperties()).doesNotContainKey(HOOK_PROPERTY);
    }

    private static void assertSingleFailure(Class<?> fixture, String expectedMessage) {
        UnderPressureValidationTests.execute(fixture).assertThatEvents().haveExactly(1, event(test("run"),
                finishedWithFailure(instanceOf(ExtensionConfigurationException.class), message(expectedMessage))));
    }

    static long roundTripMillis(Socket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        long began = System.nanoTime();
        out.write('x');
        out.flush();
        assertThat(in.read()).isEqualTo('x');
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
    }

    /** Echoes one connection's bytes on a thread of its own until the client closes. */
    static ServerSocket echoServer() throws IOException {
        ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> {
            try (Socket accepted = server.accept(); InputStream in = accepted.getInputStream();
                    OutputStream out = accepted.getOutputStream()) {
                for (int b = in.read(); b >= 0; b = in.read()) {
                    out.write(b);
                    out.flush();
                }
            } catch (IOException closed) {
                // The test is over.
            }
        }, "echo");
        thread.setDaemon(true);
        thread.start();
        return server;
    }

    static class LatencyTestCases {
        @Test
        @UnderPressure(network = @Network(latency = "100ms"))
        void rawSocket() throws IOException {
            try (ServerSocket server = echoServer();
                    Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                assertThat(roundTripMillis(socket)).isGreaterThanOrEqualTo(95);
            }
        }

        @Test
        @UnderPressure(network = @Network(latency = "100ms"))
        void httpUrlConnection() throws IOException {
            HttpServer server = HttpServer.create(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:"
                        + server.getAddress().getPort() + "/").toURL().openConnection();
                long began = System.nanoTime();
                assertThat(connection.getResponseCode()).isEqualTo(204);
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began)).isGreaterThanOrEqualTo(95);
                connection.disconnect();
            } finally {
                server.stop(0);
            }
        }
    }

    static class BlackholeTestCases {
        @Test
        @UnderPressure(network = @Network(blackhole = true))
        void readTimesOut() throws IOException {
            try (ServerSocket server = echoServer()) {
                PROXY.set(NetworkFaults.proxy("127.0.0.1", server.getLocalPort()));
                try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                    socket.setSoTimeout(100);
                    roundTripMillis(socket);
                }
            }
        }
    }

    static class LossTestCases {
        @Test
        @UnderPressure(network = @Network(loss = 150))
        void run() {
        }
    }

    static class HostsTestCases {
        @Test
        @UnderPressure(network = @Network(refuse = 100, hosts = "example.com"))
        void run() {
        }
    }

    static class BandwidthTestCases {
        @Test
        @UnderPressure(network = @Network(bandwidth = "fast"))
        void run() {
        }
    }

    static class LatencyTooLongTestCases {
        @Test
        @UnderPressure(network = @Network(latency = "11s"))
        void run() {
        }
    }

    static class PortsTestCases {
        @Test
        @UnderPressure(network = @Network(refuse = 100, ports = 70000))
        void run() {
        }
    }
}
