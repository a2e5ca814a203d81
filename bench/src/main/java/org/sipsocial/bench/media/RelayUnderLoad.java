package org.sipsocial.bench.media;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.sipsocial.media.Leg;
import org.sipsocial.media.MediaRelay;
import org.sipsocial.media.MediaSettings;
import org.sipsocial.media.SrtpKey;
import org.sipsocial.media.SrtpSuite;

/**
 * One SIPsocial media relay in a process of its own, so that its CPU can be read apart from the load generator
 * ({@link MediaLoad}), driven over a line protocol on a loopback TCP port:
 *
 * <pre>
 * OPEN phoneHost:port farHost:port farChannel outInline inInline  ->  OK lanPort channel
 * CLOSE                                                             ->  OK closedLegs
 * QUIT                                                              ->  OK (and the process ends)
 * </pre>
 *
 * Each OPEN is one call's audio leg as {@code MediaAnchor} makes it: a LAN port for the phone (announced at
 * {@code phoneHost:port}), joined with {@link Leg#toSite} to the "other site" at {@code farHost:port}, which tags
 * packets to this relay with {@code channel} and is sent packets tagged {@code farChannel}; keys in SDES inline
 * form, AEAD_AES_128_GCM.
 *
 * <p>Usage: {@code RelayUnderLoad lanAddress firstPort lastPort linkSideHost:port controlHost:port}
 */
public final class RelayUnderLoad {
    private RelayUnderLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: RelayUnderLoad lanAddress firstPort lastPort linkSideHost:port controlHost:port");
            System.exit(2);
        }
        MediaSettings settings = new MediaSettings(args[0], Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                address(args[3]), Duration.ofMinutes(30));
        InetSocketAddress control = address(args[4]);
        String aes = System.getProperty("bench.aesFactory");
        if (aes != null) {
            // An experiment: jitsi-srtp otherwise times its AES implementations when it starts and keeps the fastest.
            org.jitsi.srtp.crypto.Aes.setFactoryClassName(aes);
            System.out.println("EXPERIMENT AES factory pinned to " + aes);
        }
        try (MediaRelay relay = MediaRelay.start(settings, new SimpleMeterRegistry());
             ServerSocket server = new ServerSocket(control.getPort(), 1, control.getAddress())) {
            linkReceiveBuffer(relay);
            System.out.println("READY pid " + ProcessHandle.current().pid() + " link side " + relay.linkSide()
                    + (relay.nativeEpoll() ? " (native epoll)" : " (NIO)"));
            System.out.flush();
            List<Leg> legs = new ArrayList<>();
            boolean quit = false;
            while (!quit) {
                try (Socket client = server.accept();
                     BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
                     PrintWriter out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.US_ASCII)) {
                    for (String line = in.readLine(); line != null && !quit; line = in.readLine()) {
                        String[] word = line.trim().split(" ");
                        switch (word[0]) {
                            case "OPEN" -> {
                                Leg leg = relay.open();
                                legs.add(leg);
                                leg.phoneAnnounced(address(word[1]));
                                leg.toSite(address(word[2]), Integer.parseInt(word[3]),
                                        SrtpKey.parseInline(SrtpSuite.AEAD_AES_128_GCM, word[4]),
                                        SrtpKey.parseInline(SrtpSuite.AEAD_AES_128_GCM, word[5]));
                                out.println("OK " + leg.lanPort() + " " + leg.channel());
                            }
                            case "CLOSE" -> {
                                legs.forEach(Leg::close);
                                out.println("OK " + legs.size());
                                legs.clear();
                            }
                            case "QUIT" -> {
                                quit = true;
                                out.println("OK");
                            }
                            default -> out.println("ERR unknown command " + word[0]);
                        }
                    }
                }
            }
        }
    }

    /**
     * An experiment, not the product: with {@code -Dbench.linkReceiveBuffer=BYTES}, the relay's link-side socket
     * asks the kernel for that receive buffer (SO_RCVBUF, capped by net.core.rmem_max). MediaRelay has no setting
     * for it, so its private channel is reached by reflection; this shows what such a setting would change.
     */
    private static void linkReceiveBuffer(MediaRelay relay) throws ReflectiveOperationException {
        Integer bytes = Integer.getInteger("bench.linkReceiveBuffer");
        if (bytes == null) {
            return;
        }
        java.lang.reflect.Field field = MediaRelay.class.getDeclaredField("link");
        field.setAccessible(true);
        io.netty.channel.Channel link = (io.netty.channel.Channel) field.get(relay);
        link.config().setOption(io.netty.channel.ChannelOption.SO_RCVBUF, bytes);
        System.out.println("EXPERIMENT link side SO_RCVBUF asked " + bytes + ", kernel gives "
                + link.config().getOption(io.netty.channel.ChannelOption.SO_RCVBUF));
    }

    static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        try {
            return new InetSocketAddress(InetAddress.getByName(hostPort.substring(0, colon)),
                    Integer.parseInt(hostPort.substring(colon + 1)));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(hostPort, e);
        }
    }
}
