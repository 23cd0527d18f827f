package io.mailtrail.logback.testsupport.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 (free port) that forwards every connection to a target host and port, and can
 * simulate the target becoming unreachable: {@link #pause(PauseMode)} drops all open connections and then either
 * refuses new ones ({@link PauseMode#REFUSE}: nothing listens on the port) or accepts them and never answers
 * ({@link PauseMode#HANG}: a black hole, clients run into their timeouts). {@link #resume()} restores forwarding
 * on the same port. For tests only.
 */
public final class TcpProxy implements AutoCloseable {

    /** How a paused proxy treats new connections. */
    public enum PauseMode {
        /** Stop listening: connecting fails at once ("connection refused"). */
        REFUSE,
        /** Keep accepting but forward nothing until {@link #resume()}, which then forwards them. */
        HANG
    }

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final ExecutorService threads;
    private final Set<Connection> active = ConcurrentHashMap.newKeySet();
    private final List<Socket> held = new ArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicLong forwardedBytes = new AtomicLong();
    private ServerSocket listener;
    private Thread acceptor;
    private PauseMode pausedAs;
    private boolean closed;

    private TcpProxy(String targetHost, int targetPort, ServerSocket listener) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.listener = listener;
        this.port = listener.getLocalPort();
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "tcp-proxy-" + port + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        acceptOn(listener);
    }

    /** Starts forwarding from 127.0.0.1 on a free port to targetHost:targetPort. */
    public static TcpProxy start(String targetHost, int targetPort) throws IOException {
        return new TcpProxy(targetHost, targetPort, listen(0));
    }

    /** The proxy's own port on 127.0.0.1; the same for the proxy's whole life. */
    public int port() {
        return port;
    }

    public String host() {
        return InetAddress.getLoopbackAddress().getHostAddress();
    }

    /** {@code <scheme>://127.0.0.1:<port>}. */
    public URI uri(String scheme) {
        return URI.create(scheme + "://" + host() + ":" + port);
    }

    /** Closes every open connection, then refuses or black-holes new ones until {@link #resume()}. */
    public void pause(PauseMode mode) throws IOException, InterruptedException {
        Thread stopping = null;
        synchronized (this) {
            ensureOpen();
            pausedAs = mode;
            if (mode == PauseMode.REFUSE && listener != null) {
                listener.close();
                listener = null;
                stopping = acceptor;
            }
            for (Connection connection : active) {
                connection.close();
            }
        }
        if (stopping != null) {
            // The kernel keeps the port listening until the thread blocked in accept() has left it.
            stopping.join(5_000);
        }
    }

    /** Forwards again on the same port; connections held while paused in HANG mode are forwarded now. */
    public synchronized void resume() throws IOException {
        ensureOpen();
        pausedAs = null;
        if (listener == null) {
            listener = listen(port);
            acceptOn(listener);
        }
        for (Socket client : held) {
            forward(client);
        }
        held.clear();
    }

    public synchronized boolean isPaused() {
        return pausedAs != null;
    }

    /** Connections accepted since start, including those held while paused. */
    public int acceptedConnections() {
        return accepted.get();
    }

    /** Connections being forwarded now. */
    public int activeConnections() {
        return active.size();
    }

    /** Connections accepted while paused in HANG mode and not forwarded (yet). */
    public synchronized int heldConnections() {
        return held.size();
    }

    /** Bytes forwarded in either direction since start. */
    public long forwardedBytes() {
        return forwardedBytes.get();
    }

    /** Stops listening and drops every connection; waits (up to 5 s) until the port no longer accepts. */
    @Override
    public void close() {
        Thread stopping;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            closeQuietly(listener);
            stopping = acceptor;
            for (Connection connection : active) {
                connection.close();
            }
            for (Socket client : held) {
                closeQuietly(client);
            }
            held.clear();
            threads.shutdownNow();
        }
        try {
            stopping.join(5_000); // see pause(): the port is free once the accepting thread has left accept()
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "TcpProxy[127.0.0.1:" + port + " -> " + targetHost + ":" + targetPort + "]";
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        try {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        } catch (IOException e) {
            socket.close();
            throw new IOException("TcpProxy cannot listen on 127.0.0.1:" + port + " (" + e.getMessage() + ")", e);
        }
        return socket;
    }

    private void acceptOn(ServerSocket socket) {
        acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                Socket client;
                try {
                    client = socket.accept();
                } catch (IOException e) {
                    return; // closed by pause(REFUSE) or close()
                }
                accepted.incrementAndGet();
                onAccepted(client);
            }
        }, "tcp-proxy-" + port + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private synchronized void onAccepted(Socket client) {
        if (closed) {
            closeQuietly(client);
        } else if (pausedAs == PauseMode.HANG) {
            held.add(client);
        } else if (pausedAs == PauseMode.REFUSE) {
            closeQuietly(client); // accepted just before the listener closed
        } else {
            forward(client);
        }
    }

    private void forward(Socket client) {
        Connection connection = new Connection(client);
        active.add(connection);
        threads.execute(() -> {
            Socket upstream = new Socket();
            try {
                upstream.connect(new InetSocketAddress(targetHost, targetPort), CONNECT_TIMEOUT_MILLIS);
            } catch (IOException e) {
                closeQuietly(upstream);
                connection.close();
                return;
            }
            if (!connection.attach(upstream)) {
                return; // paused or closed while connecting
            }
            threads.execute(() -> connection.pump(client, upstream));
            connection.pump(upstream, client);
        });
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException e) {
            // closing to drop the connection; nothing else to do
        }
    }

    /** One client connection and its upstream; closed when both directions ended or on any error. */
    private final class Connection {
        private final Socket client;
        private Socket upstream;
        private int directionsDone;
        private boolean closed;

        Connection(Socket client) {
            this.client = client;
        }

        synchronized boolean attach(Socket socket) {
            if (closed) {
                closeQuietly(socket);
                return false;
            }
            upstream = socket;
            return true;
        }

        void pump(Socket from, Socket to) {
            byte[] buffer = new byte[16 * 1024];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) != -1) {
                    out.write(buffer, 0, n);
                    out.flush();
                    forwardedBytes.addAndGet(n);
                }
                to.shutdownOutput(); // pass the half-close on, as a real connection would
            } catch (IOException e) {
                close();
                return;
            }
            synchronized (this) {
                directionsDone++;
                if (directionsDone < 2) {
                    return;
                }
            }
            close();
        }

        void close() {
            Socket up;
            synchronized (this) {
                closed = true;
                up = upstream;
            }
            closeQuietly(client);
            closeQuietly(up);
            active.remove(this);
        }
    }
}
