package dev.panicattack.realbugs.time;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.junit.jupiter.api.Test;

import dev.panicattack.junit.Diagnose;
import dev.panicattack.realbugs.RealBug;
import dev.panicattack.signature.BugClass;

/**
 * Apache HttpClient 4.3.5 applies the request's socket timeout only once the connection is set up, so
 * the TLS handshake with a server that accepts the connection and then says nothing waits forever
 * although connect and socket timeouts are configured: HTTPCLIENT-1478 ("https calls ignore
 * http.socket.timeout during SSL Handshake"). 4.3.6 bounds the handshake by the connect timeout.
 */
@Diagnose
@RealBug(artifact = "org.apache.httpcomponents:httpclient", buggy = "4.3.5", fixed = "4.3.6",
        expected = BugClass.MISSING_TIMEOUT, issue = "https://issues.apache.org/jira/browse/HTTPCLIENT-1478")
class SilentTlsServerTest {

    @Test
    void aSilentServerFailsTheCallWithinItsTimeouts() throws Exception {
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                CloseableHttpClient client = HttpClients.custom().setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectTimeout(1_000).setSocketTimeout(1_000).build()).build()) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(server.accept());
                    }
                } catch (IOException closed) {
                    // The server socket closed at the end of the test.
                }
            }, "silent-server");
            acceptor.setDaemon(true);
            acceptor.start();

            HttpGet get = new HttpGet("https://127.0.0.1:" + server.getLocalPort() + "/orders");
            assertThatThrownBy(() -> client.execute(get)).isInstanceOf(IOException.class);
        } finally {
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }
}
