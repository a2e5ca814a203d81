package org.sipsocial.it;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.sipsocial.testkit.ExternalTool;

/**
 * A headless Linphone 5.1 ({@code linphone-daemon} from the Debian package {@code linphone-cli}) driven through
 * its standard input, registered to a site over UDP, TCP or TLS on loopback.
 *
 * <p>Found by trying: in a sandbox it registers only with {@code register_only_when_network_is_up=0}; it opens
 * SIP sockets only for the {@code port sip} command, not for the ports in its configuration; on TLS it trusts
 * {@code root_ca} and checks the certificate's name against the address it dials unless
 * {@code verify_server_cn=0} (the site's certificate names the site, not its address).
 */
final class Linphone implements AutoCloseable {
    private final Path folder;
    private final Process process;
    private final OutputStream commands;

    private Linphone(Path folder, Process process) {
        this.folder = folder;
        this.process = process;
        this.commands = process.getOutputStream();
    }

    /**
     * Starts a phone for {@code user} of {@code site} listening on {@code sipPort} over {@code transport} ({@code udp},
     * {@code tcp}, {@code tls}) and registers it through {@code proxy}; on TLS it trusts {@code cafile}.
     */
    static Linphone start(Path folder, String transport, Path cafile, String user, String password, String site,
            InetSocketAddress proxy, int sipPort, int rtpPort) {
        Path program = ExternalTool.require("linphone-daemon", "linphone-cli");
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("linphonerc"), String.join("\n",
                    "[sip]",
                    "register_only_when_network_is_up=0",
                    cafile == null ? "" : "root_ca=" + cafile,
                    "verify_server_cn=0",
                    "[rtp]",
                    "audio_rtp_port=" + rtpPort,
                    "video_rtp_port=" + (rtpPort + 2),
                    ""));
            ProcessBuilder builder = new ProcessBuilder(List.of("timeout", "-k", "5", "120", program.toString(),
                    "--config", folder.resolve("linphonerc").toString(), "--log", folder.resolve("linphone.log").toString()))
                    .redirectErrorStream(true).redirectOutput(folder.resolve("daemon.out").toFile());
            builder.environment().put("HOME", folder.toString());
            Linphone phone = new Linphone(folder, builder.start());
            phone.command("port sip " + sipPort + " " + transport);
            phone.command("register sip:" + user + "@" + site + " sip:" + proxy.getAddress().getHostAddress() + ":"
                    + proxy.getPort() + ";transport=" + transport + " " + password);
            return phone;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void command(String line) {
        try {
            commands.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            commands.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("linphone-daemon is gone: " + log(), e);
        }
    }

    String log() {
        try {
            return Files.readString(folder.resolve("daemon.out"), StandardCharsets.ISO_8859_1) + "\n--- linphone.log (end):\n"
                    + tail(Files.readString(folder.resolve("linphone.log"), StandardCharsets.ISO_8859_1), 6000);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static String tail(String text, int characters) {
        return text.length() <= characters ? text : text.substring(text.length() - characters);
    }

    @Override
    public void close() {
        try {
            command("quit");
        } catch (UncheckedIOException gone) {
            // already ended
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
