package org.sipsocial.bench;

import java.nio.charset.StandardCharsets;

/** The typical messages every benchmark parses: a REGISTER, an INVITE with SDP, a 200 OK to the INVITE. */
public final class Messages {
    private Messages() {
    }

    private static byte[] crlf(String s) {
        return s.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static final String SDP = "v=0\n"
            + "o=alice 2890844526 2890844526 IN IP4 192.0.2.10\n"
            + "s=-\n"
            + "c=IN IP4 192.0.2.10\n"
            + "t=0 0\n"
            + "m=audio 49170 RTP/AVP 0 8 101\n"
            + "a=rtpmap:0 PCMU/8000\n"
            + "a=rtpmap:8 PCMA/8000\n"
            + "a=rtpmap:101 telephone-event/8000\n"
            + "a=fmtp:101 0-16\n"
            + "a=ptime:20\n"
            + "a=sendrecv\n";

    public static final byte[] REGISTER = crlf("REGISTER sip:theSmiths SIP/2.0\n"
            + "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds;rport\n"
            + "Max-Forwards: 70\n"
            + "To: \"Alice\" <sip:alice@theSmiths>\n"
            + "From: \"Alice\" <sip:alice@theSmiths>;tag=1928301774\n"
            + "Call-ID: a84b4c76e66710@192.0.2.10\n"
            + "CSeq: 314159 REGISTER\n"
            + "Contact: <sip:alice@192.0.2.10:5060;transport=udp>;expires=3600;+sip.instance=\"<urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6>\";reg-id=1\n"
            + "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, NOTIFY, REFER, MESSAGE\n"
            + "Supported: path, outbound, gruu\n"
            + "User-Agent: Example Phone 1.0\n"
            + "Content-Length: 0\n"
            + "\n");

    public static final byte[] INVITE = crlf("INVITE sip:bob@theJoneses SIP/2.0\n"
            + "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK74bf9;rport\n"
            + "Max-Forwards: 70\n"
            + "To: \"Bob\" <sip:bob@theJoneses>\n"
            + "From: \"Alice\" <sip:alice@theSmiths>;tag=9fxced76sl\n"
            + "Call-ID: 3848276298220188511@192.0.2.10\n"
            + "CSeq: 1 INVITE\n"
            + "Contact: <sip:alice@192.0.2.10:5060;transport=udp>\n"
            + "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, NOTIFY, REFER, MESSAGE\n"
            + "Supported: replaces, timer\n"
            + "User-Agent: Example Phone 1.0\n"
            + "Content-Type: application/sdp\n"
            + "Content-Length: " + crlf(SDP).length + "\n"
            + "\n" + SDP);

    public static final byte[] OK = crlf("SIP/2.0 200 OK\n"
            + "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK74bf9;rport=5060;received=192.0.2.10\n"
            + "Record-Route: <sip:theJoneses;lr>\n"
            + "To: \"Bob\" <sip:bob@theJoneses>;tag=8321234356\n"
            + "From: \"Alice\" <sip:alice@theSmiths>;tag=9fxced76sl\n"
            + "Call-ID: 3848276298220188511@192.0.2.10\n"
            + "CSeq: 1 INVITE\n"
            + "Contact: <sip:bob@192.0.2.20:5060;transport=udp>\n"
            + "Content-Length: 0\n"
            + "\n");
}
