package org.sipsocial.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * stunnel4 in front of SIPp, which Debian builds without TLS. As a client it accepts plain TCP from SIPp and
 * speaks TLS to our listener, verifying the certificate it is given (pinned: no "verify = no" even in tests);
 * as a server it terminates TLS from our stack with the certificate and key it is given and passes plain TCP
 * on to SIPp.
 */
public final class Stunnel implements AutoCloseable {
    private final Process process;
    private final Path folder;
    private final InetSocketAddress accept;

    private Stunnel(Process process, Path folder, InetSocketAddress accept) {
        this.process = process;
        this.folder = folder;
        this.accept = accept;
    }

    /** Where it accepts connections. */
    public InetSocketAddress accept() {
        return accept;
    }

    /** TLS client: plain TCP on {@code accept}, TLS to {@code connect}, whose certificate must be {@code peerCertificate}. */
    public static Stunnel client(Path folder, InetSocketAddress accept, InetSocketAddress connect, Path peerCertificate) {
        return start(folder, accept, String.join("\n",
                "client = yes",
                "accept = " + hostPort(accept),
                "connect = " + hostPort(connect),
                "verifyPeer = yes",
                "CAfile = " + peerCertificate,
                "sslVersionMin = TLSv1.2"));
    }

    /** TLS server: TLS on {@code accept} with this certificate and key, plain TCP to {@code connect}. */
    public static Stunnel server(Path folder, InetSocketAddress accept, InetSocketAddress connect, Path certificate, Path key) {
        return start(folder, accept, String.join("\n",
                "accept = " + hostPort(accept),
                "connect = " + hostPort(connect),
                "cert = " + certificate,
                "key = " + key,
                "sslVersionMin = TLSv1.2"));
    }

    private static Stunnel start(Path folder, InetSocketAddress accept, String service) {
        Path program = ExternalTool.require("stunnel4", "stunnel4");
        try {
            Files.createDirectories(folder);
            Path config = folder.resolve("stunnel.conf");
            Files.writeString(config, String.join("\n",
                    "foreground = yes",
                    "pid =",
                    "debug = notice",
                    "output = " + folder.resolve("stunnel.log"),
                    "[sip]",
                    service, ""));
            Process process = new ProcessBuilder(program.toString(), config.toString())
                    .redirectErrorStream(true).redirectOutput(folder.resolve("stunnel.out").toFile()).start();
            Stunnel stunnel = new Stunnel(process, folder, accept);
            stunnel.awaitListening(accept, Duration.ofSeconds(10));
            return stunnel;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitListening(InetSocketAddress accept, Duration limit) {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("stunnel4 exited:\n" + read(folder.resolve("stunnel.log"))
                        + read(folder.resolve("stunnel.out")));
            }
            try (Socket probe = new Socket(accept.getAddress(), accept.getPort())) {
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        throw new IllegalStateException("stunnel4 is not listening on " + accept + " after " + limit);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ")";
        }
    }

    private static String hostPort(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
