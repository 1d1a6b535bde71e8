package dev.panicattack.examples.spike;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.panicattack.junit.ConstraintSet;

/**
 * The signature feature on a plain JUnit test: one annotation, every axis of {@code production-spike}
 * acting for real. The body observes each axis the way the code under test would meet it.
 */
class ProductionSpikeTest {

    @TempDir
    Path work;

    // tag::production-spike[]
    @Test
    @ConstraintSet("production-spike")
    void everyAxisActsOnAPlainTest() throws Exception {
        // heap: the ballast holds about 70% of the maximum heap while the test runs
        long max = Runtime.getRuntime().maxMemory();
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        assertThat(100.0 * used / max).isGreaterThan(60);

        // network: a request to a loopback server answers no sooner than 50 ms after it was sent
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ExecutorService echo = Executors.newSingleThreadExecutor();
            try {
                Future<?> served = echo.submit(() -> echoOnce(server));
                try (Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                    client.setSoTimeout(10_000);
                    long sent = System.nanoTime();
                    new DataOutputStream(client.getOutputStream()).writeInt(42);
                    int answer = new DataInputStream(client.getInputStream()).readInt();
                    long roundTripMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
                    assertThat(answer).isEqualTo(42);
                    assertThat(roundTripMillis).isGreaterThanOrEqualTo(50);
                }
                served.get(10, TimeUnit.SECONDS);
            } finally {
                echo.shutdownNow();
            }
        }

        // disk: the budget (64 MiB) is 85% full, so 16 MiB no longer fit under the temporary directory
        byte[] chunk = new byte[1024 * 1024];
        Arrays.fill(chunk, (byte) 7);
        Path journal = work.resolve("journal.bin");
        assertThatThrownBy(() -> {
            try (OutputStream out = Files.newOutputStream(journal)) {
                for (int i = 0; i < 16; i++) {
                    out.write(chunk);
                }
            }
        }).isInstanceOf(IOException.class).hasMessage("No space left on device");
    }
    // end::production-spike[]

    private static Void echoOnce(ServerSocket server) throws IOException {
        try (Socket peer = server.accept()) {
            int value = new DataInputStream(peer.getInputStream()).readInt();
            new DataOutputStream(peer.getOutputStream()).writeInt(value);
        }
        return null;
    }
}
