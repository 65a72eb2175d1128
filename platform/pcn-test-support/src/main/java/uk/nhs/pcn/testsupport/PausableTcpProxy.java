package uk.nhs.pcn.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of the test broker that can stop forwarding without closing anything, as a broker does when
 * its process is paused ({@code kill -STOP}): clients stay connected and may even open new connections, but no
 * byte reaches the broker and no answer comes back until {@link #resume()}. What a client sent meanwhile is then
 * delivered in order, as a resumed broker would read it from its sockets, including requests the client has since
 * given up on. Stopping the broker instead closes every connection, which clients notice at once.
 * <p>
 * Kafka clients connect to the address the broker advertises, not the one they were given, so the broker must
 * advertise this proxy on the listener the proxy forwards to (see {@link KafkaBroker#pausable()}).
 */
public final class PausableTcpProxy implements AutoCloseable {

    private static final int BUFFER = 16 * 1024;

    private final int port;
    private final InetSocketAddress target;
    private final Object gate = new Object();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private boolean paused;
    private ServerSocket server;

    /** A proxy that will listen on localhost:{@code port} and forward to {@code target}. */
    public PausableTcpProxy(int port, InetSocketAddress target) {
        this.port = port;
        this.target = target;
    }

    public synchronized PausableTcpProxy start() {
        if (server != null) {
            return this;
        }
        try {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress("localhost", port)); // as the broker binds its listeners
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on port " + port, e);
        }
        ServerSocket listening = server;
        daemon("proxy-accept-" + port, () -> accept(listening)).start();
        return this;
    }

    public int port() {
        return port;
    }

    /** How many client connections the proxy has accepted: proof that a client really goes through it. */
    public int connectionsAccepted() {
        return accepted.get();
    }

    /** Stops forwarding in both directions; connections stay open. */
    public void pause() {
        synchronized (gate) {
            paused = true;
        }
    }

    /** Forwards again, starting with whatever was held back while paused. */
    public void resume() {
        synchronized (gate) {
            paused = false;
            gate.notifyAll();
        }
    }

    public boolean isPaused() {
        synchronized (gate) {
            return paused;
        }
    }

    @Override
    public synchronized void close() {
        resume();
        if (server != null) {
            try {
                server.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            server = null;
        }
        sockets.forEach(PausableTcpProxy::closeQuietly);
        sockets.clear();
    }

    private void accept(ServerSocket listening) {
        while (!listening.isClosed()) {
            Socket client;
            try {
                client = listening.accept();
            } catch (IOException e) {
                return; // closed
            }
            accepted.incrementAndGet();
            Socket broker = new Socket();
            try {
                // A paused broker's kernel still completes the handshake; so does this connect.
                broker.connect(target, 5_000);
            } catch (IOException e) {
                closeQuietly(client);
                closeQuietly(broker);
                continue;
            }
            sockets.add(client);
            sockets.add(broker);
            Connection connection = new Connection(client, broker);
            daemon("proxy-up-" + client.getPort(), () -> connection.pump(client, broker)).start();
            daemon("proxy-down-" + client.getPort(), () -> connection.pump(broker, client)).start();
        }
    }

    private void awaitForwarding() throws InterruptedException {
        synchronized (gate) {
            while (paused) {
                gate.wait();
            }
        }
    }

    /** One client connection and its connection to the broker. */
    private final class Connection {

        private final Socket client;
        private final Socket broker;
        private final AtomicInteger halvesOpen = new AtomicInteger(2);

        Connection(Socket client, Socket broker) {
            this.client = client;
            this.broker = broker;
        }

        /** Copies bytes from one side to the other, holding them while paused; passes the end of stream on. */
        void pump(Socket from, Socket to) {
            byte[] buffer = new byte[BUFFER];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) != -1) {
                    awaitForwarding();
                    out.write(buffer, 0, n);
                    out.flush();
                }
                // The sender closed its side: tell the other side, in order after the data, as TCP would.
                awaitForwarding();
                to.shutdownOutput();
                if (halvesOpen.decrementAndGet() == 0) {
                    closeBoth();
                }
            } catch (SocketException e) {
                closeBoth(); // reset or closed by the other pump
            } catch (IOException e) {
                closeBoth();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closeBoth();
            }
        }

        private void closeBoth() {
            closeQuietly(client);
            closeQuietly(broker);
            sockets.remove(client);
            sockets.remove(broker);
        }
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
