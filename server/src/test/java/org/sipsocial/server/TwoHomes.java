package org.sipsocial.server;

import org.sipsocial.testkit.netlab.Host;
import org.sipsocial.testkit.netlab.Nat;
import org.sipsocial.testkit.netlab.Network;
import org.sipsocial.testkit.netlab.NetworkLab;

/**
 * The lab of the tests whose sites live behind two NATs: an "internet", two home routers on it ({@code nata} with
 * the LAN 10.1.0.0/24, {@code natb} with 10.2.0.0/24), and one host behind each, for theSmiths and theJoneses.
 */
record TwoHomes(Network internet, Nat nata, Nat natb, Host smiths, Host joneses) {
    /**
     * Builds it in {@code lab} on the internet {@code internetCidr}, the routers at {@code nataWan} and
     * {@code natbWan}, choosing their ports as {@code nataPorts} and {@code natbPorts} say.
     */
    static TwoHomes in(NetworkLab lab, String internetCidr, String nataWan, Nat.Ports nataPorts, String natbWan,
                       Nat.Ports natbPorts) {
        Network internet = lab.network("inet", internetCidr);
        Nat nata = lab.nat("nata", internet, nataWan, "10.1.0.0/24", nataPorts);
        Nat natb = lab.nat("natb", internet, natbWan, "10.2.0.0/24", natbPorts);
        return new TwoHomes(internet, nata, natb, lab.hostBehind("smiths", nata), lab.hostBehind("joneses", natb));
    }
}
