package org.sipsocial.server.sip;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The address the site writes into its Via and Record-Route, and every address it answers on. A site bound to
 * one address advertises it; a site bound to the wildcard advertises its first non-loopback IPv4 address (its
 * LAN address), or loopback on a machine without one.
 */
final class AdvertisedAddress {
    private AdvertisedAddress() {
    }

    static String choose(String bindAddress) {
        if (!isWildcard(bindAddress)) {
            return bindAddress;
        }
        for (InetAddress address : localAddresses()) {
            if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                return address.getHostAddress();
            }
        }
        return "127.0.0.1";
    }

    /** Every address the listeners answer on: the bind address, or all of this machine's for the wildcard. */
    static Set<String> answeredOn(String bindAddress) {
        Set<String> hosts = new LinkedHashSet<>();
        if (!isWildcard(bindAddress)) {
            hosts.add(bindAddress);
            return hosts;
        }
        for (InetAddress address : localAddresses()) {
            String text = address.getHostAddress();
            int zone = text.indexOf('%');
            hosts.add(zone < 0 ? text : text.substring(0, zone));
        }
        return hosts;
    }

    private static boolean isWildcard(String address) {
        return address.equals("0.0.0.0") || address.equals("::") || address.equals("0:0:0:0:0:0:0:0");
    }

    private static Set<InetAddress> localAddresses() {
        Set<InetAddress> addresses = new LinkedHashSet<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nic.isUp()) {
                    addresses.addAll(Collections.list(nic.getInetAddresses()));
                }
            }
        } catch (SocketException e) {
            addresses.add(InetAddress.getLoopbackAddress());
        }
        return addresses;
    }
}
