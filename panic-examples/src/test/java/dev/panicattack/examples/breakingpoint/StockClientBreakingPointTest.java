package dev.panicattack.examples.breakingpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panicattack.junit.BreakingPoint;

/**
 * Where a client with a 220 ms read timeout stops getting its answer as loopback latency grows: the
 * search over 0-400 ms reports the breaking point between 200 and 250 ms, and the test passes because
 * it holds up to the required 100 ms. The summary is the report entry {@code panic.breakingPoint}.
 */
class StockClientBreakingPointTest {

    // tag::breaking-point[]
    @BreakingPoint(axis = "network.latency", from = 0, to = 400, resolution = 50, requireAbove = 100)
    void stockLookupSurvivesLatency() throws Exception {
        try (StockServer server = StockServer.start()) {
            assertThat(new StockClient(server.port()).stock("apple")).isEqualTo(12);
        }
    }
    // end::breaking-point[]
}
