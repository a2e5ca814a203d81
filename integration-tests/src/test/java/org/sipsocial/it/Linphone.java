package org.sipsocial.it;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.sipsocial.testkit.ExternalTool;
import org.sipsocial.testkit.Tone;

/**
 * A headless Linphone 5.1 ({@code linphone-daemon} from the Debian package {@code linphone-cli}) driven through
 * its standard input, registered to a site over UDP, TCP or TLS on loopback.
 *
 * <p>Found by trying: in a sandbox it registers only with {@code register_only_when_network_is_up=0}; on TLS it
 * trusts {@code root_ca} and checks the certificate's name against the address it dials unless
 * {@code verify_server_cn=0} (the site's certificate names the site, not its address).
 *
 * <p>Calls: the core reaches its "on" state only when it can open its database, by default
 * {@code $HOME/.local/share/linphone/linphone.db}. When that folder is missing it logs "Unable to open linphone
 * database" at start, answers every INVITE with 503 ("Linphone core global state is not on"), places no call and
 * opens no SIP socket for the ports in its configuration (only for the {@code port sip} command), so the folder is
 * made before it starts. The account is written in the configuration ({@code [proxy_0]}, {@code [auth_info_0]})
 * rather than given by the {@code register} command, because only there can it have a route: without
 * {@code reg_route} (the apps' "outbound proxy") Linphone sends a call to {@code sip:alice@theSmiths} to the host
 * {@code theSmiths} found by DNS, not to the site. With no sound card it sends silence from a file player and
 * discards what it receives; {@link #play} mixes a WAV file into the call's audio ({@code incall-player-start}).
 * To hear what it receives, its {@code ~/.asoundrc} gives ALSA a default device for playback only (so capture stays
 * the silent file player, paced by the system clock): ALSA's {@code file} plugin over the {@code null} device,
 * piping the samples to {@code cat >> heard.raw}, appended rather than rewritten because each tone Linphone plays
 * (for example at the end of a call) opens the device again.
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
            Files.createDirectories(folder.resolve(".local/share/linphone"));
            Files.writeString(folder.resolve(".asoundrc"), String.join("\n",
                    "pcm.!default {",
                    "  type asym",
                    "  playback.pcm \"heard\"",
                    "}",
                    "pcm.heard {",
                    "  type file",
                    "  slave.pcm \"null\"",
                    "  file \"|cat >> " + folder.toAbsolutePath().resolve("heard.raw") + "\"",
                    "  format \"raw\"",
                    "}",
                    ""));
            String proxyUri = "sip:" + proxy.getAddress().getHostAddress() + ":" + proxy.getPort() + ";transport=" + transport;
            Files.writeString(folder.resolve("linphonerc"), String.join("\n",
                    "[sip]",
                    "register_only_when_network_is_up=0",
                    "bind_address=127.0.0.1",
                    "sip_port=" + (transport.equals("udp") ? sipPort : -1),
                    "sip_tcp_port=" + (transport.equals("tcp") ? sipPort : -1),
                    "sip_tls_port=" + (transport.equals("tls") ? sipPort : -1),
                    cafile == null ? "" : "root_ca=" + cafile,
                    "verify_server_cn=0",
                    "[rtp]",
                    "bind_address=127.0.0.1",
                    "audio_rtp_port=" + rtpPort,
                    "video_rtp_port=" + (rtpPort + 2),
                    "[proxy_0]",
                    "reg_identity=sip:" + user + "@" + site,
                    "reg_proxy=<" + proxyUri + ">",
                    "reg_route=<" + proxyUri + ";lr>",
                    "reg_sendregister=1",
                    "reg_expires=600",
                    "[auth_info_0]",
                    "username=" + user,
                    "passwd=" + password,
                    "domain=" + site,
                    ""));
            ProcessBuilder builder = new ProcessBuilder(List.of("timeout", "-k", "5", "120", program.toString(),
                    "--config", folder.resolve("linphonerc").toString(), "--log", folder.resolve("linphone.log").toString()))
                    .redirectErrorStream(true).redirectOutput(folder.resolve("daemon.out").toFile());
            builder.environment().put("HOME", folder.toString());
            return new Linphone(folder, builder.start());
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

    /** Places a call to {@code uri} (for example {@code sip:alice@theSmiths}) through the registered account. */
    void call(String uri) {
        command("call " + uri);
    }

    /** Waits until a call rings at this phone, then answers it. */
    void answerWhenRinging(Duration limit) {
        awaitEvent("LinphoneCallIncomingReceived", limit);
        command("answer");
    }

    /** Waits until the current call has its media running ({@code LinphoneCallStreamsRunning}). */
    void awaitStreamsRunning(Duration limit) {
        awaitEvent("LinphoneCallStreamsRunning", limit);
    }

    /** Plays {@code wav} into the current call, mixed into what the phone sends. */
    void play(Path wav) {
        command("incall-player-start " + wav);
    }

    /** Ends the current call. */
    void hangUp() {
        command("terminate");
    }

    /**
     * Seconds of a {@code hertz} tone in what this phone played out: its calls' audio as ALSA's file plugin wrote it
     * (16-bit little-endian mono at {@link Tone#SAMPLE_RATE}, what G.711 calls give).
     */
    double secondsHeard(double hertz) {
        try {
            Path heard = folder.resolve("heard.raw");
            if (!Files.exists(heard)) {
                return 0;
            }
            ShortBuffer samples = ByteBuffer.wrap(Files.readAllBytes(heard)).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
            short[] all = new short[samples.remaining()];
            samples.get(all);
            return Tone.secondsOf(all, hertz, 0.8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitEvent(String event, Duration limit) {
        try {
            Awaitility.await().atMost(limit).pollInterval(Duration.ofMillis(50)).until(() -> output().contains("Event: " + event));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("Linphone saw no " + event + " within " + limit + "; its log:\n" + log(), e);
        }
    }

    private String output() throws IOException {
        return Files.readString(folder.resolve("daemon.out"), StandardCharsets.ISO_8859_1);
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
            command("terminate");
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
