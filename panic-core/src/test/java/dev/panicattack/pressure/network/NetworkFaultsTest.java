package dev.panicattack.pressure.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import dev.panicattack.evidence.Fact;

class NetworkFaultsTest {

    private EchoServer echo;

    @BeforeEach
    void startServer() throws IOException {
        echo = new EchoServer();
    }

    @AfterEach
    void stopServer() throws IOException {
        echo.close();
        assertThat(SocketAdvice.SLOT.published()).isNull();
    }

    private static long roundTripMillis(Socket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        long began = System.nanoTime();
        out.write('x');
        out.flush();
        assertThat(in.read()).isEqualTo('x');
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
    }

    private static long roundTripMillis(SocketChannel channel) throws IOException {
        long began = System.nanoTime();
        channel.write(ByteBuffer.wrap(new byte[] {'y'}));
        ByteBuffer answer = ByteBuffer.allocate(1);
        while (answer.hasRemaining()) {
            assertThat(channel.read(answer)).isNotNegative();
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
    }

    @Test
    void latencyDelaysEachAnswerOnAClassicSocketAndIsGoneAfterClose() throws IOException {
        try (NetworkFaults faults = new NetworkFaults(NetworkPlan.ofLatency(Duration.ofMillis(80)))) {
            faults.start();
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), echo.port())) {
                assertThat(roundTripMillis(socket)).isBetween(75L, 2000L);
                assertThat(roundTripMillis(socket)).isBetween(75L, 2000L);
            }
            assertThat(faults.count("latency")).isEqualTo(2);
            assertThat(faults.achieved(0)).startsWith("network +80ms: 2 answers delayed (mean ");
        }
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), echo.port())) {
            assertThat(roundTripMillis(socket)).isLessThan(75L);
        }
    }

    @Test
    void latencyDelaysAnswersOnABlockingChannel() throws IOException {
        try (NetworkFaults faults = new NetworkFaults(NetworkPlan.ofLatency(Duration.ofMillis(80)))) {
            faults.start();
            try (SocketChannel channel = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), echo.port()))) {
                assertThat(roundTripMillis(channel)).isBetween(75L, 2000L);
            }
        }
    }

    @Test
    void latencyDelaysJavaNetHttpExchanges() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "ok".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try (NetworkFaults faults = new NetworkFaults(NetworkPlan.ofLatency(Duration.ofMillis(150)))) {
            faults.start();
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"))
                    .timeout(Duration.ofSeconds(10)).build();
            // The first exchange warms the client and server up; the second, on the kept-alive connection, is timed.
            assertThat(client.send(request, HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("ok");
            long delayedBefore = faults.count("latency");
            long began = System.nanoTime();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.body()).isEqualTo("ok");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began)).isGreaterThanOrEqualTo(145L);
            assertThat(faults.count("connect")).as(faults.achieved(0)).isEqualTo(1);
            assertThat(faults.count("latency")).as(faults.achieved(0)).isGreaterThan(delayedBefore);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void refusalFailsConnectsOnSocketsAndChannels() {
        NetworkPlan plan = NetworkPlan.ofLatency(Duration.ZERO).withRefuse(100);
        try (NetworkFaults faults = new NetworkFaults(plan)) {
            faults.start();
            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), echo.port()).close())
                    .isInstanceOf(ConnectException.class).hasMessage("Connection refused");
            assertThatThrownBy(() -> SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), echo.port())))
                    .isInstanceOf(ConnectException.class).hasMessage("Connection refused");
            assertThat(faults.count("refuse")).isEqualTo(2);
            assertThat(faults.facts()).contains(Fact.of("net_fault", faults.facts().stream()
                    .filter(fact -> fact.predicate().equals("net_fault")).findFirst().orElseThrow().values().get(0),
                    "refuse", "127.0.0.1", (long) echo.port()));
        }
    }

    @Test
    void blackholeTimesOutAReadWithSoTimeoutAndRecordsTheRead() throws IOException {
        try (NetworkFaults faults = new NetworkFaults(NetworkPlan.ofBlackhole())) {
            faults.start();
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), echo.port())) {
                socket.setSoTimeout(150);
                socket.getOutputStream().write('z');
                long began = System.nanoTime();
                assertThatThrownBy(() -> socket.getInputStream().read())
                        .isInstanceOf(SocketTimeoutException.class).hasMessage("Read timed out");
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began)).isBetween(140L, 3000L);
            }
            assertThat(faults.facts()).filteredOn(fact -> fact.predicate().equals("socket_read"))
                    .singleElement().satisfies(fact -> assertThat(fact.values().subList(2, 5))
                            .containsExactly("127.0.0.1", (long) echo.port(), 150L));
        }
    }

    @Test
    void blackholeHoldsAnUntimedReadUntilTheFaultsClose() throws Exception {
        NetworkFaults faults = new NetworkFaults(NetworkPlan.ofBlackhole());
        faults.start();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        CountDownLatch connected = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), echo.port())) {
                socket.getOutputStream().write('z');
                connected.countDown();
                socket.getInputStream().read();
            } catch (IOException e) {
                thrown.set(e);
            }
        }, "blackholed-reader");
        reader.start();
        try {
            assertThat(connected.await(10, TimeUnit.SECONDS)).isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (faults.facts().stream().noneMatch(fact -> fact.predicate().equals("socket_read"))
                    && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(reader.isAlive()).isTrue();
        } finally {
            faults.close();
        }
        reader.join(10_000);
        assertThat(reader.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(SocketException.class).hasMessage("Connection reset");
        assertThat(faults.facts()).filteredOn(fact -> fact.predicate().equals("socket_read"))
                .singleElement().satisfies(fact -> assertThat(fact.values().get(4)).isEqualTo(0L));
    }

    @Test
    void channelsMeetTheBlackholeResetAndBandwidthToo() throws IOException {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), echo.port());
        try (NetworkFaults faults = new NetworkFaults(NetworkPlan.ofBlackhole())) {
            faults.start();
            try (SocketChannel channel = SocketChannel.open(address)) {
                channel.write(ByteBuffer.wrap(new byte[] {'q'}));
                channel.configureBlocking(false);
                ByteBuffer answer = ByteBuffer.allocate(8);
                // The echo arrives and is dropped: a non-blocking read finds nothing, until the deadline.
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
                while (System.nanoTime() < deadline) {
                    assertThat(channel.read(answer)).isZero();
                }
                assertThat(answer.position()).isZero();
            }
            assertThat(faults.count("blackhole")).isPositive();
        }
        try (NetworkFaults faults = new NetworkFaults(NetworkPlan.ofLatency(Duration.ZERO).withReset(100))) {
            faults.start();
            try (SocketChannel channel = SocketChannel.open(address)) {
                assertThatThrownBy(() -> channel.write(ByteBuffer.wrap(new byte[] {'r'})))
                        .isInstanceOf(SocketException.class).hasMessage("Connection reset");
            }
        }
        try (NetworkFaults faults = new NetworkFaults(NetworkPlan.ofLatency(Duration.ZERO).withBandwidth(100_000))) {
            faults.start();
            try (SocketChannel channel = SocketChannel.open(address)) {
                long began = System.nanoTime();
                channel.write(new ByteBuffer[] {ByteBuffer.allocate(15_000), ByteBuffer.allocate(15_000)});
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began)).isBetween(270L, 3000L);
            }
        }
    }

    @Test
    void resetFailsTheOperationAndEveryLaterOne() throws IOException {
        try (NetworkFaults faults = new NetworkFaults(NetworkPlan.ofLatency(Duration.ZERO).withReset(100))) {
            faults.start();
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), echo.port())) {
                assertThatThrownBy(() -> socket.getOutputStream().write('a'))
                        .isInstanceOf(SocketException.class).hasMessage("Connection reset");
                assertThatThrownBy(() -> socket.getInputStream().read())
                        .isInstanceOf(SocketException.class).hasMessage("Connection reset");
            }
            assertThat(faults.count("reset")).isEqualTo(1);
        }
    }

    @Test
    void lossDelaysLostWritesByTheRetransmissionTimeout() throws IOException {
        try (NetworkFaults faults = new NetworkFaults(NetworkPlan.ofLatency(Duration.ZERO).withLoss(20).withSeed(7))) {
            faults.start();
            long began = System.nanoTime();
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), echo.port())) {
                for (int i = 0; i < 15; i++) {
                    roundTripMillis(socket);
                }
            }
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
            assertThat(faults.count("write")).isEqualTo(15);
            assertThat(faults.count("loss")).isPositive();
            assertThat(elapsedMillis).isGreaterThanOrEqualTo(faults.count("loss") * 200);
        }
    }

    @Test
    void bandwidthPacesWrites() throws IOException {
        try (NetworkFaults faults = new NetworkFaults(NetworkPlan.ofLatency(Duration.ZERO).withBandwidth(100_000))) {
            faults.start();
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), echo.port())) {
                long began = System.nanoTime();
                socket.getOutputStream().write(new byte[30_000]);
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began)).isBetween(270L, 3000L);
            }
        }
    }

    @Test
    void theFilterLeavesOtherPortsAlone() throws IOException {
        NetworkPlan plan = NetworkPlan.ofLatency(Duration.ZERO).withRefuse(100).withPorts(List.of(echo.port() == 1 ? 2 : 1));
        try (NetworkFaults faults = new NetworkFaults(plan)) {
            faults.start();
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), echo.port())) {
                assertThat(roundTripMillis(socket)).isLessThan(1000L);
            }
            assertThat(faults.count("connect")).isZero();
        }
    }

    @Test
    void threadsThatExistedBeforeTheFaultsAreNeverTouched() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<Long> connects = new CompletableFuture<>();
        Thread build = new Thread(() -> {
            try {
                go.await();
                try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), echo.port())) {
                    roundTripMillis(socket);
                }
                connects.complete(0L);
            } catch (Throwable e) {
                connects.completeExceptionally(e);
            }
        }, "build-channel");
        build.start();
        try (NetworkFaults faults = new NetworkFaults(NetworkPlan.ofLatency(Duration.ZERO).withRefuse(100))) {
            faults.start();
            go.countDown();
            assertThat(connects.get(10, TimeUnit.SECONDS)).isZero();
            assertThat(faults.count("connect")).isZero();
        }
    }

    @Test
    void aProxyForwardsWithTheFaultsAndClosesWithThem() throws IOException {
        FaultProxy proxy;
        try (NetworkFaults faults = new NetworkFaults(NetworkPlan.ofLatency(Duration.ofMillis(80)))) {
            faults.start();
            proxy = NetworkFaults.proxy("127.0.0.1", echo.port());
            assertThat(proxy.host()).isEqualTo("127.0.0.1");
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
                assertThat(roundTripMillis(socket)).isBetween(75L, 2000L);
                assertThat(roundTripMillis(socket)).isBetween(75L, 2000L);
            }
            // Faulted once, by the proxy, not again in-process.
            assertThat(faults.count("latency")).isEqualTo(2);
            assertThat(faults.proxies()).containsExactly(proxy);
        }
        assertThat(proxy.isOpen()).isFalse();
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), proxy.port()).close())
                .isInstanceOf(ConnectException.class);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.getName().startsWith("panic-net-proxy"));
    }

    @Test
    void aProxyRefusesNonLoopbackUpstreamsAndNeedsActiveFaults() {
        assertThatThrownBy(() -> NetworkFaults.proxy("127.0.0.1", 5432))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no network faults are active, so there are none to proxy to 127.0.0.1:5432; declare network"
                        + " pressure on the test (for example @ConstraintSet(\"slow-dependency\")) and call"
                        + " NetworkFaults.proxy inside it");
        assertThatThrownBy(() -> NetworkFaults.proxy("example.com", 80))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fault proxy upstream must be a loopback address (localhost, 127.x.x.x or ::1), but was"
                        + " 'example.com'; a proxy never forwards beyond this host");
        assertThatThrownBy(() -> NetworkFaults.proxy("10.0.0.1", 80))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("but was '10.0.0.1'");
        assertThatThrownBy(() -> NetworkFaults.proxy("127.0.0.1", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fault proxy upstream port must be between 1 and 65535, but was 0");
    }

    @Test
    void onlyOneInstanceAtATime() {
        try (NetworkFaults first = new NetworkFaults(NetworkPlan.ofBlackhole())) {
            first.start();
            NetworkFaults second = new NetworkFaults(NetworkPlan.ofBlackhole());
            assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class)
                    .hasMessage("other network faults are active in this JVM; close them before starting new ones"
                            + " (tests under network pressure do not run in parallel)");
            second.close();
        }
    }
}
