package dev.panicattack.realbugs.time;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import dev.panicattack.junit.Diagnose;
import dev.panicattack.realbugs.RealBug;
import dev.panicattack.signature.BugClass;

/**
 * Up to jsoup 1.10.3, {@code Jsoup.connect(url).timeout(ms)} bounds the connect and each read of the
 * body, not the request: a server that keeps sending a little at a time holds the caller for as long as
 * it likes (jsoup issue 628, "Timeout functionality not working as expected"). 1.11.1 made it a total
 * connect and read timeout ("Updated Jsoup.connect().timeout() to implement a total connect + combined
 * read timeout", CHANGES).
 */
@Diagnose
@RealBug(artifact = "org.jsoup:jsoup", buggy = "1.10.3", fixed = "1.11.1", expected = BugClass.MISSING_TIMEOUT,
        issue = "https://github.com/jhy/jsoup/issues/628")
class TricklingServerTest {

    @Test
    void aSlowPageFailsWithinTheTimeout() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread trickle = new Thread(() -> serveSlowly(server), "trickling-server");
            trickle.setDaemon(true);
            trickle.start();

            assertThatThrownBy(() -> Jsoup.connect("http://127.0.0.1:" + server.getLocalPort() + "/catalogue")
                    .timeout(2_000).get()).isInstanceOf(SocketTimeoutException.class);
        }
    }

    /** A page that arrives one line every 100 ms for a minute: a server under load, or a slow proxy. */
    private static void serveSlowly(ServerSocket server) {
        try (Socket client = server.accept(); OutputStream out = client.getOutputStream()) {
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n<html><body>\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (int line = 0; line < 600; line++) {
                out.write(("<p>item " + line + "</p>\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                TimeUnit.MILLISECONDS.sleep(100);
            }
            out.write("</body></html>\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException | InterruptedException gone) {
            // The client gave up, or the test ended.
        }
    }
}
