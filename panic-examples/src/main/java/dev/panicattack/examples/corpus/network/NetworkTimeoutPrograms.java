package dev.panicattack.examples.corpus.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import dev.panicattack.examples.corpus.Seeded;
import dev.panicattack.junit.ConstraintSet;
import dev.panicattack.junit.Diagnose;
import dev.panicattack.signature.BugClass;

/**
 * Clients that wait on a slow or cut-off loopback dependency with no timeout at all. Under
 * {@code slow-dependency} each answer takes 400 to 600 ms, longer than the 300 ms stall window;
 * under {@code network-partition} it never comes. A socket read ignores interrupts, so each body
 * runs on a thread of its own and fails as soon as the hang is judged (docs/thread-model.md).
 */
public class NetworkTimeoutPrograms {

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

    /** A price lookup through a pooled Apache client; the defect: no connect, response or socket timeout anywhere. */
    static int prices(CloseableHttpClient client, String uri, int calls) throws IOException {
        int total = 0;
        for (int call = 0; call < calls; call++) {
            total += client.execute(new HttpGet(uri), response -> Integer.parseInt(EntityUtils.toString(response.getEntity())));
        }
        return total;
    }

    // tag::slow-dependency[]
    @Test
    @Seeded(BugClass.MISSING_TIMEOUT)
    @ConstraintSet("slow-dependency")
    @Diagnose(stallWindow = "300ms", threadMode = Diagnose.ThreadMode.SEPARATE_THREAD)
    void pooledHttpClientWithoutTimeoutsOnASlowDependency() throws IOException {
        try (CloseableHttpClient client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().setMaxConnTotal(4).build())
                .build()) {
            String uri = "http://127.0.0.1:" + priceService.getAddress().getPort() + "/price";
            assertThat(prices(client, uri, 20)).isEqualTo(20 * 42);
        }
    }
    // end::slow-dependency[]

    @Test
    @Seeded(BugClass.MISSING_TIMEOUT)
    @ConstraintSet("network-partition")
    @Diagnose(stallWindow = "1s", threadMode = Diagnose.ThreadMode.SEPARATE_THREAD)
    void socketReadWithoutSoTimeoutAcrossAPartition() throws IOException {
        // The defect: no setSoTimeout, so a peer that never answers blocks the read for ever.
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), statusService.getLocalPort())) {
            assertThat(LocalServers.status(socket)).isEqualTo("OK");
        }
    }
}
