package org.sipsocial.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * What two crossing dials look like from each end, on loopback: each site dials one of the relay's two ports,
 * and the relay joins the first connection on one port to the first on the other, byte for byte. Each site then
 * holds a connection it dialled whose other end is also a dial, which is what a TCP simultaneous open gives
 * both sites when their dials cross through two NATs (RFC 9293 §3.5, figure 7).
 */
final class CrossingRelay implements AutoCloseable {
    private final ServerSocket first;
    private final ServerSocket second;
    private final BlockingQueue<Socket> fromFirst = new LinkedBlockingQueue<>();
    private final BlockingQueue<Socket> fromSecond = new LinkedBlockingQueue<>();
    private final List<Socket> sockets = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;

    CrossingRelay() throws IOException {
        first = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        second = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        start("relay-accept-1", () -> accept(first, fromFirst));
        start("relay-accept-2", () -> accept(second, fromSecond));
        start("relay-join", this::join);
    }

    /** The port one site dials, believing it is the other site's link port. */
    int firstPort() {
        return first.getLocalPort();
    }

    int secondPort() {
        return second.getLocalPort();
    }

    private void accept(ServerSocket server, BlockingQueue<Socket> into) {
        while (!closed) {
            try {
                Socket s = server.accept();
                remember(s);
                into.add(s);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void join() {
        while (!closed) {
            try {
                Socket a = fromFirst.take();
                Socket b = fromSecond.take();
                start("relay-pipe", () -> pipe(a, b));
                start("relay-pipe", () -> pipe(b, a));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void pipe(Socket from, Socket to) {
        byte[] buffer = new byte[16_384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one end closed or reset: close both, as the one TCP connection of a simultaneous open would
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private synchronized void remember(Socket s) {
        sockets.add(s);
    }

    private synchronized void start(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing is best effort in a test fixture
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        closeQuietly(first);
        closeQuietly(second);
        sockets.forEach(CrossingRelay::closeQuietly);
        threads.forEach(Thread::interrupt);
    }
}
