package dev.panicattack.examples.corpus.threads;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.panicattack.examples.corpus.Seeded;
import dev.panicattack.junit.Diagnose;
import dev.panicattack.signature.BugClass;

/**
 * Clients of a loopback server that accepts connections (the kernel completes them from the
 * backlog) but never answers: without a read or response timeout they wait for ever. A socket read
 * ignores interrupts, so each body runs on a thread of its own and the test fails as soon as the hang
 * is judged (docs/thread-model.md).
 */
public class MissingTimeoutPrograms {

    private ServerSocket silentServer;
    private Socket client;

    private int silentServerPort() throws IOException {
        silentServer = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        return silentServer.getLocalPort();
    }

    /** Reads one status line; the defect: no {@code setSoTimeout}, so a silent peer blocks it for ever. */
    static String statusLine(Socket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write("STATUS\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            line.append((char) c);
        }
        return line.toString();
    }

    @Test
    @Seeded(BugClass.MISSING_TIMEOUT)
    @Diagnose(stallWindow = "1s", threadMode = Diagnose.ThreadMode.SEPARATE_THREAD)
    void socketReadWithoutSoTimeout() throws IOException {
        int port = silentServerPort();
        client = new Socket(InetAddress.getLoopbackAddress(), port);
        assertThat(statusLine(client)).isEqualTo("OK");
    }

    @Test
    @Seeded(BugClass.MISSING_TIMEOUT)
    @Diagnose(stallWindow = "1s", threadMode = Diagnose.ThreadMode.SEPARATE_THREAD)
    void httpClientWithoutRequestTimeout() throws IOException, InterruptedException {
        int port = silentServerPort();
        // A connect timeout only: the request itself has no timeout(...).
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    /** After the verdict: closing the server resets the pending connections, so the clients unblock. */
    @AfterEach
    void closeServer() throws IOException {
        try {
            if (silentServer != null) {
                silentServer.close();
            }
        } finally {
            if (client != null) {
                client.close();
            }
        }
    }
}
