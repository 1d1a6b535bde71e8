package dev.panicattack.examples.breakingpoint;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A stock service on loopback that answers every item with 12, on a daemon thread of its own, until closed. */
final class StockServer implements AutoCloseable {

    private final ServerSocket socket;
    private final Thread serving;

    private StockServer(ServerSocket socket) {
        this.socket = socket;
        this.serving = new Thread(this::serve, "stock-server");
        // Ends when the socket is closed; daemon so that a test failing mid-request never holds the JVM.
        serving.setDaemon(true);
        serving.start();
    }

    static StockServer start() throws IOException {
        return new StockServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    }

    int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
                in.readLine();
                OutputStream out = client.getOutputStream();
                out.write("12\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                // Held open until the client closes: a late answer is still there to read.
                in.read();
            } catch (IOException e) {
                // Closed, or the client gave up: serve the next one.
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
