package org.sipsocial.testkit.netlab;

/** An IPv4 subnet written {@code a.b.c.d/n}, with its addresses counted from the network address. */
record Ipv4Subnet(int network, int prefixLength) {
    Ipv4Subnet {
        if (prefixLength < 8 || prefixLength > 30) {
            throw new IllegalArgumentException("prefix length must be 8 to 30, not " + prefixLength);
        }
        if ((network & ~mask(prefixLength)) != 0) {
            throw new IllegalArgumentException(format(network) + "/" + prefixLength + " has host bits set");
        }
    }

    static Ipv4Subnet parse(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a subnet a.b.c.d/n: " + cidr);
        }
        return new Ipv4Subnet(parseAddress(cidr.substring(0, slash)), Integer.parseInt(cidr.substring(slash + 1)));
    }

    /** The address {@code offset} after the network address: 1 is the first usable one. */
    String address(int offset) {
        if (offset < 1 || offset >= size() - 1) {
            throw new IllegalArgumentException(this + " has no usable address number " + offset);
        }
        return format(network + offset);
    }

    /** Whether {@code address} is a usable host address here: inside, neither the network nor the broadcast address. */
    boolean hasHost(String address) {
        int value = parseAddress(address);
        int offset = value - network;
        return (value & mask(prefixLength)) == network && offset > 0 && offset < size() - 1;
    }

    /** The address with this subnet's prefix length, as {@code ip addr add} takes it. */
    String withPrefix(String address) {
        return address + "/" + prefixLength;
    }

    private int size() {
        return 1 << (32 - prefixLength);
    }

    @Override
    public String toString() {
        return format(network) + "/" + prefixLength;
    }

    private static int mask(int prefixLength) {
        return -1 << (32 - prefixLength);
    }

    private static int parseAddress(String dotted) {
        String[] parts = dotted.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + dotted);
        }
        int value = 0;
        for (String part : parts) {
            int octet;
            try {
                octet = Integer.parseInt(part);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an IPv4 address: " + dotted, e);
            }
            if (octet < 0 || octet > 255 || !part.equals(Integer.toString(octet))) {
                throw new IllegalArgumentException("not an IPv4 address: " + dotted);
            }
            value = value << 8 | octet;
        }
        return value;
    }

    private static String format(int value) {
        return (value >>> 24) + "." + (value >>> 16 & 0xff) + "." + (value >>> 8 & 0xff) + "." + (value & 0xff);
    }
}
