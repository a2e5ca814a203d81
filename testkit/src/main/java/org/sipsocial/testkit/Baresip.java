package org.sipsocial.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A headless baresip softphone (Debian package {@code baresip-core}): it plays a WAV file into its calls
 * ({@code aufile}), plays nothing out ({@code aubridge,nil}) and records what it receives ({@code sndfile}),
 * registered to a site over UDP, TCP or TLS, on loopback or on a host of a network lab.
 *
 * <pre>{@code
 * Baresip bob = Baresip.phone(folder, "bob", "bob-pw", "theSmiths").registrar(site.sip()).sipPort(port)
 *         .rtpPorts(32000).playing(tone).autoAnswer().seconds(14).start();
 * }</pre>
 */
public final class Baresip {
    private final Path folder;
    private final Process process;
    /** Where its ctrl_tcp module listens ({@link Builder#control(int)}), or null. */
    private final InetSocketAddress control;
    private final String namespace;

    private Baresip(Path folder, Process process, InetSocketAddress control, String namespace) {
        this.folder = folder;
        this.process = process;
        this.control = control;
        this.namespace = namespace;
    }

    /**
     * Runs a command of baresip's menu now ({@code hold}, {@code resume}, {@code hangup}, ...), through its
     * ctrl_tcp module: a netstring of JSON, {@code {"command":"hold"}} (baresip's docs/ctrl_tcp). Needs
     * {@link Builder#control(int)}. Sent from the phone's own namespace, with bash's /dev/tcp.
     */
    public void command(String name) {
        if (control == null) {
            throw new IllegalStateException("this baresip was started without control(port)");
        }
        if (!name.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not a baresip command: " + name);
        }
        String json = "{\"command\":\"" + name + "\"}";
        String netstring = json.length() + ":" + json + ",";
        List<String> command = new ArrayList<>();
        if (namespace != null) {
            command.addAll(List.of("ip", "netns", "exec", namespace));
        }
        command.addAll(List.of("bash", "-c", "exec 3<>/dev/tcp/" + control.getAddress().getHostAddress() + "/"
                + control.getPort() + " && printf '%s' '" + netstring + "' >&3 && timeout 2 head -c 1 <&3 > /dev/null; exit 0"));
        try {
            Process sender = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!sender.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                sender.destroyForcibly();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A phone for {@code user} of {@code site}, whose configuration, log and recordings go in {@code folder}. */
    public static Builder phone(Path folder, String user, String password, String site) {
        return new Builder(folder, user, password, site);
    }

    public Process process() {
        return process;
    }

    public Path folder() {
        return folder;
    }

    /** The WAV files sndfile wrote (one per direction of each call). */
    public List<Path> recordings() {
        try (var files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".wav")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Seconds of a {@code hertz} tone in what this phone received, the best of its recordings. */
    public double secondsHeard(double hertz) {
        return recordings().stream().filter(p -> p.getFileName().toString().contains("dec"))
                .mapToDouble(p -> Tone.secondsOf(Tone.samples(p), hertz, 0.8)).max().orElse(0);
    }

    public String log() {
        try {
            return Files.readString(folder.resolve("baresip.log"), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** A loopback UDP port whose next port is free too: baresip also listens for TCP and TLS on port + 1. */
    public static int freePortPair() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (DatagramSocket first = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                int port = first.getLocalPort();
                if (port < 65000) {
                    try (ServerSocket next = new ServerSocket(port + 1, 1, InetAddress.getLoopbackAddress());
                         ServerSocket same = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                        return port;
                    } catch (IOException taken) {
                        // try again
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no free port pair");
    }

    /** What a phone is set up with before it starts. */
    public static final class Builder {
        private final Path folder;
        private final String user;
        private final String password;
        private final String site;
        private InetSocketAddress registrar;
        private String transport = "udp";
        private Path cafile;
        private String accountParameters = "";
        private String localAddress = "127.0.0.1";
        private String namespace;
        private int sipPort;
        private int rtpPortBase = 32000;
        private Path source;
        private boolean autoAnswer;
        private int seconds = 10;
        private int controlPort;
        private final List<String> commands = new ArrayList<>();

        private Builder(Path folder, String user, String password, String site) {
            this.folder = folder;
            this.user = user;
            this.password = password;
            this.site = site;
        }

        /** The site's SIP listener the phone registers and calls through (its outbound proxy). */
        public Builder registrar(InetSocketAddress address) {
            this.registrar = address;
            return this;
        }

        /** {@code udp} (the default), {@code tcp} or {@code tls}. */
        public Builder transport(String value) {
            this.transport = value;
            return this;
        }

        /** On TLS, the certificate the phone trusts ({@code sip_cafile}): the site's exported one. */
        public Builder cafile(Path value) {
            this.cafile = value;
            return this;
        }

        /** Parameters for the account line, for example {@code ;mediaenc=srtp-mand} for SRTP with SDES keys. */
        public Builder account(String parameters) {
            this.accountParameters = parameters;
            return this;
        }

        /** The address the phone uses for SIP and RTP (127.0.0.1 unless it runs on a lab host). */
        public Builder on(String address) {
            this.localAddress = address;
            return this;
        }

        /** Runs the phone in a network namespace a test made ({@code ip netns exec NAME}). */
        public Builder inNamespace(String name) {
            this.namespace = name;
            return this;
        }

        public Builder sipPort(int port) {
            this.sipPort = port;
            return this;
        }

        /** The first of the 40 ports the phone takes RTP on. */
        public Builder rtpPorts(int base) {
            this.rtpPortBase = base;
            return this;
        }

        /** The WAV file the phone plays into its calls. */
        public Builder playing(Path wav) {
            this.source = wav;
            return this;
        }

        /** The phone answers calls by itself. */
        public Builder autoAnswer() {
            this.autoAnswer = true;
            return this;
        }

        /** How long the phone runs before it quits (hanging up its calls). */
        public Builder seconds(int value) {
            this.seconds = value;
            return this;
        }

        /** Commands run at start, for example {@code /dial sip:bob@theSmiths}. */
        /** Loads baresip's ctrl_tcp module on {@code port} of the phone's address, for {@link Baresip#command}. */
        public Builder control(int port) {
            this.controlPort = port;
            return this;
        }

        public Builder commands(String... values) {
            commands.addAll(List.of(values));
            return this;
        }

        public Baresip start() {
            Path program = ExternalTool.require("baresip", "baresip-core");
            if (registrar == null || source == null || sipPort == 0) {
                throw new IllegalStateException("a phone needs a registrar, a SIP port and a sound to play");
            }
            try {
                Files.createDirectories(folder);
                Files.writeString(folder.resolve("config"), String.join("\n",
                        "poll_method epoll",
                        "sip_listen " + localAddress + ":" + sipPort,
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
                        controlPort == 0 ? "" : "module_app ctrl_tcp.so",
                        controlPort == 0 ? "" : "ctrl_tcp_listen " + localAddress + ":" + controlPort,
                        "audio_player aubridge,nil",
                        "audio_alert aubridge,nil",
                        "audio_source aufile," + source,
                        "audio_srate 8000",
                        "audio_channels 1",
                        "net_interface " + localAddress,
                        "snd_path " + folder,
                        "rtp_ports " + rtpPortBase + "-" + (rtpPortBase + 40),
                        ""));
                Files.writeString(folder.resolve("accounts"), "<sip:" + user + "@" + site + ">;auth_pass=" + password
                        + ";outbound=\"sip:" + registrar.getAddress().getHostAddress() + ":" + registrar.getPort()
                        + ";transport=" + transport + "\";regint=600"
                        + (autoAnswer ? ";answermode=auto" : "") + accountParameters + "\n");
                List<String> command = new ArrayList<>();
                if (namespace != null) {
                    command.addAll(List.of("ip", "netns", "exec", namespace));
                }
                command.addAll(List.of("timeout", "-k", "5", Integer.toString(seconds + 10), program.toString(),
                        "-f", folder.toString(), "-s", "-t", Integer.toString(seconds)));
                for (String each : commands) {
                    command.add("-e");
                    command.add(each);
                }
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(folder.resolve("baresip.log").toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
                return new Baresip(folder, process,
                        controlPort == 0 ? null : new InetSocketAddress(localAddress, controlPort), namespace);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
