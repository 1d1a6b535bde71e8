package dev.panicattack.examples.corpus.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import dev.panicattack.examples.corpus.Healthy;
import dev.panicattack.junit.ConstraintSet;
import dev.panicattack.junit.Diagnose;

/** The same clients with every call bounded, falling back when the dependency is too slow or gone. */
public class HealthyNetworkPrograms {

    private static final int FALLBACK_PRICE = -1;

    private HttpServer priceService;
    private ServerSocket statusService;

    @BeforeEach
    void startServers() throws IOException {
        priceService = LocalServers.priceService();
        statusService = LocalServers.statusService();
    }

    @AfterEach
    void stopServers() throws IOException {
        priceService.stop(0);
        statusService.close();
    }

    // tag::bounded[]
    /** One price, or the fallback when the answer takes longer than the response timeout. */
    static int priceOrFallback(CloseableHttpClient client, String uri) throws IOException {
        try {
            return client.execute(new HttpGet(uri), response -> Integer.parseInt(EntityUtils.toString(response.getEntity())));
        } catch (SocketTimeoutException slow) {
            return FALLBACK_PRICE;
        }
    }
    // end::bounded[]

    @Test
    @Healthy
    @ConstraintSet("slow-dependency")
    @Diagnose(stallWindow = "300ms")
    void pooledHttpClientWithAResponseTimeoutFallsBack() throws IOException {
        RequestConfig bounded = RequestConfig.custom().setResponseTimeout(Timeout.ofMilliseconds(100))
                .setConnectionRequestTimeout(Timeout.ofSeconds(1)).build();
        try (CloseableHttpClient client = HttpClients.custom().setDefaultRequestConfig(bounded)
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().setMaxConnTotal(4).build())
                .build()) {
            String uri = "http://127.0.0.1:" + priceService.getAddress().getPort() + "/price";
            for (int call = 0; call < 3; call++) {
                assertThat(priceOrFallback(client, uri)).isEqualTo(FALLBACK_PRICE);
            }
        }
    }

    @Test
    @Healthy
    @ConstraintSet("network-partition")
    @Diagnose(stallWindow = "1s")
    void socketReadWithSoTimeoutReportsTheServiceUnknown() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), statusService.getLocalPort())) {
            socket.setSoTimeout(200);
            String status;
            try {
                status = LocalServers.status(socket);
            } catch (SocketTimeoutException silent) {
                status = "UNKNOWN";
            }
            assertThat(status).isEqualTo("UNKNOWN");
        }
    }
}
