package dev.panicattack.realbugs.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import dev.panicattack.junit.Diagnose;
import dev.panicattack.junit.UnderPressure;
import dev.panicattack.junit.UnderPressure.Network;
import dev.panicattack.realbugs.RealBug;
import dev.panicattack.signature.BugClass;
import retrofit.RestAdapter;
import retrofit.RetrofitError;
import retrofit.client.Response;
import retrofit.http.GET;

/**
 * Retrofit 1.0's default HTTP client ({@code UrlConnectionClient}) opened {@code HttpURLConnection}s
 * with the JDK's defaults, no connect or read timeout, so a call to a server that stops answering
 * blocks its thread for good. Fixed in 1.1.1 by pull request #246 (15 s connect, 20 s read timeout by
 * default). Buggy: 1.0.2. The server here answers at once; the network blackhole makes its answers
 * never arrive. The stall window is longer than the fixed release's read timeout, as a user sets it
 * above the client's own limits.
 */
@Diagnose(stallWindow = "30s")
@UnderPressure(network = @Network(blackhole = true))
@RealBug(artifact = "com.squareup.retrofit:retrofit", buggy = "1.0.2", fixed = "1.1.1",
        expected = BugClass.MISSING_TIMEOUT, issue = "https://github.com/square/retrofit/pull/246")
class RetrofitDefaultReadTimeoutTest {

    interface Greetings {
        @GET("/greeting")
        Response greeting();
    }

    @Test
    void givesUpOnAServerThatStopsAnswering() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/greeting", exchange -> {
            byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            Greetings greetings = new RestAdapter.Builder().setServer("http://127.0.0.1:" + server.getAddress().getPort())
                    .build().create(Greetings.class);
            try {
                assertThat(greetings.greeting().getStatus()).isEqualTo(200);
            } catch (RetrofitError networkError) {
                // the documented failure of a call that got no answer in time
                assertThat(networkError.isNetworkError()).isTrue();
            }
        } finally {
            server.stop(0);
        }
    }
}
