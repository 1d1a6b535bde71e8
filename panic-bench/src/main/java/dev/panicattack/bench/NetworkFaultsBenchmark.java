package dev.panicattack.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

import dev.panicattack.pressure.network.FaultProxy;
import dev.panicattack.pressure.network.NetworkFaults;
import dev.panicattack.pressure.network.NetworkPlan;

/**
 * {@code network-faults}: on loopback round trips to an in-process echo server, the added latency
 * measured against the requested one (median over 100 round trips, minus the unfaulted median), the
 * share of 1000 round trips that met a retransmission delay under 1% loss, the rate a 4 MiB upload
 * achieved under a 1 MiB/s bandwidth, and the added latency through a fault proxy.
 */
final class NetworkFaultsBenchmark implements Benchmark {

    private static final long LATENCY_MS = 50;
    private static final double LOSS_PCT = 1;
    private static final int LOSS_OPERATIONS = 1000;
    private static final long BANDWIDTH_BPS = 1024 * 1024;
    private static final int UPLOAD_BYTES = 4 * 1024 * 1024;

    @Override
    public String name() {
        return "network-faults";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        // The servers start before the faults: their threads and accepted sockets are never faulted.
        try (ServerSocket echo = server(true); ServerSocket discard = server(false)) {
            double baseline;
            try (Socket socket = connect(echo)) {
                roundTrips(socket, 200);
                baseline = median(roundTrips(socket, 200));
            }
            out.println("baseline round trip " + format(baseline) + " ms");

            double latency;
            double latencyP90;
            double proxyLatency;
            try (NetworkFaults faults = start(NetworkPlan.ofLatency(Duration.ofMillis(LATENCY_MS)))) {
                try (Socket socket = connect(echo)) {
                    double[] trips = roundTrips(socket, 100);
                    latency = median(trips) - baseline;
                    latencyP90 = percentile(trips, 90) - baseline;
                }
                out.println(faults.achieved(0));
                FaultProxy proxy = NetworkFaults.proxy("127.0.0.1", echo.getLocalPort());
                try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
                    roundTrips(socket, 5);
                    proxyLatency = median(roundTrips(socket, 50)) - baseline;
                }
            }
            out.println("latency: requested " + LATENCY_MS + " ms, added median " + format(latency) + " ms, p90 "
                    + format(latencyP90) + " ms, through the proxy " + format(proxyLatency) + " ms");

            long delayedOps;
            long lossCount;
            try (NetworkFaults faults = start(NetworkPlan.ofLatency(Duration.ZERO).withLoss(LOSS_PCT).withSeed(20261126L))) {
                try (Socket socket = connect(echo)) {
                    double[] trips = roundTrips(socket, LOSS_OPERATIONS);
                    // A lost write waits at least the 200 ms retransmission timeout; a clean trip takes microseconds.
                    delayedOps = Arrays.stream(trips).filter(ms -> ms >= 150).count();
                }
                lossCount = faults.count("loss");
            }
            double lossMeasured = 100.0 * delayedOps / LOSS_OPERATIONS;
            out.println("loss: requested " + LOSS_PCT + "%, " + delayedOps + " of " + LOSS_OPERATIONS
                    + " round trips delayed by a retransmission (" + lossCount + " losses drawn)");

            double bandwidth;
            try (NetworkFaults faults = start(NetworkPlan.ofLatency(Duration.ZERO).withBandwidth(BANDWIDTH_BPS))) {
                try (Socket socket = connect(discard)) {
                    OutputStream outStream = socket.getOutputStream();
                    byte[] chunk = new byte[64 * 1024];
                    long began = System.nanoTime();
                    for (int sent = 0; sent < UPLOAD_BYTES; sent += chunk.length) {
                        outStream.write(chunk);
                    }
                    bandwidth = UPLOAD_BYTES / ((System.nanoTime() - began) / 1e9);
                }
                out.println(faults.achieved(0));
            }
            out.println("bandwidth: requested " + BANDWIDTH_BPS + " B/s, achieved " + format(bandwidth) + " B/s");

            boolean latencyGoal = Math.abs(latency - LATENCY_MS) <= Math.max(2, LATENCY_MS * 0.1);
            out.println(String.format(Locale.ROOT, "RESULT network-faults latency_requested_ms=%d latency_measured_ms=%.2f"
                    + " latency_p90_ms=%.2f latency_goal_met=%b proxy_latency_measured_ms=%.2f loss_requested_pct=%.1f"
                    + " loss_measured_pct=%.1f loss_operations=%d bandwidth_requested_bps=%d bandwidth_measured_bps=%.0f"
                    + " baseline_rtt_ms=%.3f",
                    LATENCY_MS, latency, latencyP90, latencyGoal, proxyLatency, LOSS_PCT, lossMeasured, LOSS_OPERATIONS,
                    BANDWIDTH_BPS, bandwidth, baseline));
        }
    }

    private static NetworkFaults start(NetworkPlan plan) {
        NetworkFaults faults = new NetworkFaults(plan);
        faults.start();
        return faults;
    }

    private static Socket connect(ServerSocket server) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        socket.setTcpNoDelay(true);
        return socket;
    }

    private static double[] roundTrips(Socket socket, int count) throws IOException {
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        double[] millis = new double[count];
        for (int i = 0; i < count; i++) {
            long began = System.nanoTime();
            out.write('x');
            out.flush();
            if (in.read() != 'x') {
                throw new IllegalStateException("the echo server answered wrongly on round trip " + i);
            }
            millis[i] = (System.nanoTime() - began) / 1e6;
        }
        return millis;
    }

    /** A loopback server that echoes (or discards) every byte of each connection, on daemon threads. */
    private static ServerSocket server(boolean echo) throws IOException {
        ServerSocket server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    socket.setTcpNoDelay(true);
                    Thread worker = new Thread(() -> serve(socket, echo), "bench-" + (echo ? "echo" : "discard"));
                    worker.setDaemon(true);
                    worker.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "bench-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }

    private static void serve(Socket socket, boolean echo) {
        byte[] buffer = new byte[64 * 1024];
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            for (int count = in.read(buffer); count >= 0; count = in.read(buffer)) {
                if (echo) {
                    out.write(buffer, 0, count);
                    out.flush();
                }
            }
        } catch (IOException gone) {
            // The client closed.
        }
    }

    private static double median(double[] values) {
        return percentile(values, 50);
    }

    private static double percentile(double[] values, int percent) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
