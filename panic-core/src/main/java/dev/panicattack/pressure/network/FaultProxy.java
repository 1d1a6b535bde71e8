package dev.panicattack.pressure.network;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.panicattack.internal.ThreadExit;

/**
 * A loopback endpoint ({@code 127.0.0.1}, an ephemeral port) that forwards each connection to a
 * loopback upstream with the network faults of the active plan, for servers this JVM does not own
 * (a database in another process on this host). Made by {@link NetworkFaults#proxy(String, int)}
 * and closed with the faults at the end of the test, or earlier by {@link #close()}.
 *
 * <p>Through the proxy, the client's writes are the requests: loss and bandwidth act on them as
 * in-process; the upstream's answer reaches the client latency after the request; a blackhole
 * drops everything the upstream sends; a refusal or a reset closes the client's connection with a
 * TCP reset (the client sees {@code Connection reset}, not {@code Connection refused}: the proxy
 * already accepted it).
 */
public final class FaultProxy implements AutoCloseable {

    private static final int CHUNK = 16 * 1024;
    private static final int UPSTREAM_CONNECT_TIMEOUT_MILLIS = 2000;

    private final FaultHook hook;
    private final InetSocketAddress upstream;
    private final ServerSocket listener;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    FaultProxy(FaultHook hook, InetSocketAddress upstream) throws IOException {
        this.hook = Objects.requireNonNull(hook, "hook");
        this.upstream = Objects.requireNonNull(upstream, "upstream");
        this.listener = new ServerSocket(0, 50, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
        Thread acceptor = new Thread(this::accept, "panic-net-proxy-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        threads.add(acceptor);
        acceptor.start();
    }

    /** Always {@code 127.0.0.1}. */
    public String host() {
        return "127.0.0.1";
    }

    /** The proxy's ephemeral port. */
    public int port() {
        return listener.getLocalPort();
    }

    /** The proxy's address, {@code 127.0.0.1:port}. */
    public InetSocketAddress address() {
        return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
    }

    /** The upstream the proxy forwards to. */
    public InetSocketAddress upstream() {
        return upstream;
    }

    /** True until closed. */
    public boolean isOpen() {
        return !closed.get();
    }

    private void accept() {
        while (!closed.get()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                // The listener was closed: the proxy is ending.
                return;
            }
            sockets.add(client);
            Connection connection = hook.proxied(upstream.getAddress(), upstream.getPort());
            if (connection != null && hook.refuses(connection)) {
                abort(client, null);
                continue;
            }
            Socket server = new Socket();
            sockets.add(server);
            try {
                server.connect(upstream, UPSTREAM_CONNECT_TIMEOUT_MILLIS);
            } catch (IOException e) {
                // The upstream is not there: the client sees its connection reset, as a refusal would.
                abort(client, server);
                continue;
            }
            pump(client, server, connection, true);
            pump(server, client, connection, false);
        }
    }

    private void pump(Socket from, Socket to, Connection connection, boolean request) {
        Thread thread = new Thread(() -> forward(from, to, connection, request),
                "panic-net-proxy-" + port() + (request ? "-up" : "-down"));
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    private void forward(Socket from, Socket to, Connection connection, boolean request) {
        byte[] chunk = new byte[CHUNK];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int count = in.read(chunk); count >= 0 && !closed.get(); count = in.read(chunk)) {
                if (connection != null && !hook.isClosed()) {
                    Object fault;
                    if (request) {
                        fault = hook.beforeWrite(connection, count);
                    } else if (hook.plan().blackhole()) {
                        hook.count("blackhole");
                        continue;
                    } else {
                        fault = hook.beforeRead(connection, 0, true, null);
                        hook.answered(connection);
                        hook.afterRead(connection, count);
                    }
                    if (fault instanceof IOException) {
                        abort(from, to);
                        return;
                    }
                }
                out.write(chunk, 0, count);
                out.flush();
            }
            // Half-close: the peer learns the other side finished sending.
            if (!to.isClosed()) {
                to.shutdownOutput();
            }
        } catch (IOException e) {
            // One side went away (or the proxy closed): the other side is closed too.
            abort(from, to);
        }
    }

    /** Closes with a TCP reset (linger 0), which is what the client of a reset connection sees. */
    private void abort(Socket first, Socket second) {
        for (Socket socket : new Socket[] {first, second}) {
            if (socket == null) {
                continue;
            }
            try {
                if (!socket.isClosed()) {
                    socket.setSoLinger(true, 0);
                }
                socket.close();
            } catch (IOException e) {
                // Already gone: nothing is left to close.
            }
            sockets.remove(socket);
        }
    }

    /** Stops listening, closes every forwarded connection and waits for the proxy's threads to end. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            listener.close();
        } catch (IOException e) {
            // A listener that fails to close is closed as far as the JDK can; nothing more to do here.
        }
        for (Socket socket : List.copyOf(sockets)) {
            abort(socket, null);
        }
        ThreadExit.awaitAll(threads);
    }
}
