package dev.panicattack.examples.corpus.network;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

/** The loopback servers the network programs call: started before the test's pressure, stopped after it. */
final class LocalServers {

    private LocalServers() {
    }

    /** An HTTP server on 127.0.0.1 answering {@code GET /price} at once with {@code 42}. */
    static HttpServer priceService() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/price", exchange -> {
            byte[] body = "42".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    /** A line server on 127.0.0.1: every line {@code STATUS} gets the answer {@code OK}. */
    static ServerSocket statusService() throws IOException {
        ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    answer(socket);
                } catch (IOException closed) {
                    // The server or the client closed: next connection, or the end.
                }
            }
        }, "status-service");
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }

    private static void answer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        for (int c = in.read(); c != -1; c = in.read()) {
            if (c == '\n') {
                out.write("OK\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        }
    }

    /** Sends {@code STATUS} and reads the answer line. */
    static String status(Socket socket) throws IOException {
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
}
