package org.sipsocial.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.sipsocial.testkit.ExternalTool;

/**
 * A headless baresip softphone (Debian package {@code baresip}): it plays a WAV file into its calls
 * ({@code aufile}), plays nothing out ({@code aubridge,nil}) and records what it receives ({@code sndfile}),
 * registered to a site over UDP, TCP or TLS on loopback.
 */
final class Baresip {
    private final Path folder;
    private final Process process;

    private Baresip(Path folder, Process process) {
        this.folder = folder;
        this.process = process;
    }

    /**
     * Starts a phone for {@code user} of {@code site}, playing {@code source}, quitting after {@code seconds};
     * {@code commands} are run at start (for example {@code /dial sip:bob@theSmiths}).
     */
    static Baresip start(Path folder, String user, String password, String site, InetSocketAddress proxy, int sipPort,
            int rtpPortBase, Path source, boolean autoAnswer, int seconds, String... commands) {
        return start("udp", null, "", folder, user, password, site, proxy, sipPort, rtpPortBase, source, autoAnswer,
                seconds, commands);
    }

    /**
     * The same phone on {@code transport} ({@code udp}, {@code tcp}, {@code tls}); on TLS it trusts {@code cafile}
     * ({@code sip_cafile}), the site's exported certificate. {@code accountParameters} go on its account line, for
     * example {@code ;mediaenc=srtp-mand} for SRTP with SDES keys.
     */
    static Baresip start(String transport, Path cafile, String accountParameters, Path folder, String user, String password,
            String site, InetSocketAddress proxy, int sipPort, int rtpPortBase, Path source, boolean autoAnswer, int seconds,
            String... commands) {
        Path program = ExternalTool.require("baresip", "baresip");
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("config"), String.join("\n",
                    "poll_method epoll",
                    "sip_listen 127.0.0.1:" + sipPort,
                    "sip_trans_def " + transport,
                    cafile == null ? "" : "sip_cafile " + cafile,
                    "module_path /usr/lib/baresip/modules",
                    "module g711.so",
                    "module aufile.so",
                    "module aubridge.so",
                    "module sndfile.so",
                    "module srtp.so",
                    "module_app account.so",
                    "module_app menu.so",
                    "audio_player aubridge,nil",
                    "audio_alert aubridge,nil",
                    "audio_source aufile," + source,
                    "audio_srate 8000",
                    "audio_channels 1",
                    "net_interface 127.0.0.1",
                    "snd_path " + folder,
                    "rtp_ports " + rtpPortBase + "-" + (rtpPortBase + 40),
                    ""));
            Files.writeString(folder.resolve("accounts"), "<sip:" + user + "@" + site + ">;auth_pass=" + password
                    + ";outbound=\"sip:" + proxy.getAddress().getHostAddress() + ":" + proxy.getPort() + ";transport=" + transport
                    + "\";regint=600"
                    + (autoAnswer ? ";answermode=auto" : "") + accountParameters + "\n");
            List<String> command = new ArrayList<>(List.of("timeout", "-k", "5", Integer.toString(seconds + 10),
                    program.toString(), "-f", folder.toString(), "-s", "-t", Integer.toString(seconds)));
            for (String each : commands) {
                command.add("-e");
                command.add(each);
            }
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(folder.resolve("baresip.log").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            return new Baresip(folder, process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Process process() {
        return process;
    }

    Path folder() {
        return folder;
    }

    /** The WAV files sndfile wrote (one per direction of each call). */
    List<Path> recordings() {
        try (var files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".wav")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String log() {
        try {
            return Files.readString(folder.resolve("baresip.log"), java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** A UDP port whose next port is free too: baresip also listens for TCP and TLS on port + 1. */
    static int freePortPair() throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (java.net.DatagramSocket first = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
                int port = first.getLocalPort();
                if (port < 65000) {
                    try (java.net.ServerSocket next = new java.net.ServerSocket(port + 1, 1, java.net.InetAddress.getLoopbackAddress());
                         java.net.ServerSocket same = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                        return port;
                    } catch (java.io.IOException taken) {
                        // try again
                    }
                }
            }
        }
        throw new IllegalStateException("no free port pair");
    }
}
