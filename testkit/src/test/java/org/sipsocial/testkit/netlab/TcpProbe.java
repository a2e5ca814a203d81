package org.sipsocial.testkit.netlab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tiny TCP peer {@link NetworkLabTest} runs inside the lab's hosts, a program of the JDK alone:
 * <ul>
 * <li>{@code listen PORT}: accepts connections until killed, telling each peer the address it came from
 * ({@code seen-from IP:PORT}) and printing {@code accepted IP:PORT};</li>
 * <li>{@code connect HOST PORT LOCAL_PORT TIMEOUT_MS}: one attempt from {@code LOCAL_PORT} (0 for any), printing
 * what the listener said;</li>
 * <li>{@code punch LOCAL_PORT HOST PORT SECONDS}: attempts again and again from {@code LOCAL_PORT}, 3 s each, as two
 * sites behind NATs do to open a connection to each other, then exchanges a line with the peer.</li>
 * </ul>
 * Exit codes: 0 connected, 2 timed out, 3 refused, 4 any other failure.
 */
final class TcpProbe {
    private TcpProbe() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        switch (args[0]) {
            case "listen" -> listen(Integer.parseInt(args[1]));
            case "connect" -> System.exit(connect(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4])));
            case "punch" -> System.exit(punch(Integer.parseInt(args[1]), args[2], Integer.parseInt(args[3]),
                    Integer.parseInt(args[4])));
            default -> throw new IllegalArgumentException("listen, connect or punch, not " + args[0]);
        }
    }

    private static void listen(int port) throws IOException {
        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(port));
            System.out.println("listening on " + port);
            while (true) {
                try (Socket peer = server.accept()) {
                    String seen = peer.getInetAddress().getHostAddress() + ":" + peer.getPort();
                    System.out.println("accepted " + seen);
                    peer.getOutputStream().write(("seen-from " + seen + "\n").getBytes(StandardCharsets.US_ASCII));
                }
            }
        }
    }

    private static int connect(String host, int port, int localPort, int timeoutMillis) {
        try (Socket socket = bound(localPort)) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            System.out.println("connected from port " + socket.getLocalPort() + ", " + readLine(socket));
            return 0;
        } catch (IOException e) {
            System.out.println(describe(e));
            return exitCode(e);
        }
    }

    private static int punch(int localPort, String host, int port, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        Map<String, Integer> failures = new LinkedHashMap<>();
        int attempts = 0;
        while (System.nanoTime() < deadline) {
            attempts++;
            try (Socket socket = bound(localPort)) {
                socket.connect(new InetSocketAddress(host, port), 3000);
                socket.setSoTimeout(5000);
                socket.getOutputStream().write(("hello from " + socket.getLocalAddress().getHostAddress() + ":"
                        + socket.getLocalPort() + "\n").getBytes(StandardCharsets.US_ASCII));
                System.out.println("punched on attempt " + attempts + ", remote "
                        + socket.getInetAddress().getHostAddress() + ":" + socket.getPort() + ", " + readLine(socket)
                        + (failures.isEmpty() ? "" : ", after " + failures));
                return 0;
            } catch (SocketTimeoutException e) {
                failures.merge(describe(e), 1, Integer::sum);
            } catch (IOException e) {
                failures.merge(describe(e), 1, Integer::sum);
                Thread.sleep(50);
            }
        }
        System.out.println("gave up after " + attempts + " attempts: " + failures);
        return 2;
    }

    private static Socket bound(int localPort) throws IOException {
        Socket socket = new Socket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(localPort));
        return socket;
    }

    private static String readLine(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
    }

    private static String describe(IOException e) {
        return switch (exitCode(e)) {
            case 2 -> "timed out";
            case 3 -> "refused";
            default -> "failed: " + e;
        };
    }

    private static int exitCode(IOException e) {
        if (e instanceof SocketTimeoutException) {
            return 2;
        }
        if (e instanceof ConnectException && String.valueOf(e.getMessage()).contains("refused")) {
            return 3;
        }
        return 4;
    }
}
