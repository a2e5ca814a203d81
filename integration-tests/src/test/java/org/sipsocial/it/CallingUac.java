package org.sipsocial.it;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import org.sipsocial.sip.message.SipMethod;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;
import org.sipsocial.sip.message.header.NameAddress;
import org.sipsocial.sip.message.header.Via;
import org.sipsocial.sip.message.uri.SipUri;
import org.sipsocial.sip.transaction.Branch;
import org.sipsocial.sip.transaction.ClientTransaction;
import org.sipsocial.sip.transaction.Hop;
import org.sipsocial.sip.transaction.ResponseListener;
import org.sipsocial.sip.transaction.ServerTransaction;
import org.sipsocial.sip.transaction.TransactionFailure;
import org.sipsocial.sip.transaction.TransactionLayer;
import org.sipsocial.sip.transaction.TransactionUser;

/**
 * A user agent client core on our transaction layer that makes one call: INVITE, ACK for the 2xx (RFC 3261
 * §13.2.2.4, outside any transaction), BYE. Every request goes to the same hop, as through an outbound proxy.
 */
final class CallingUac implements TransactionUser {
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    @Override
    public void onRequest(ServerTransaction transaction) {
        transaction.sendResponse(org.sipsocial.sip.message.Responses.create(transaction.request(), 501, "Not Implemented", "uac1").build());
    }

    @Override
    public void onAck(SipRequest ack, Hop source) {
    }

    /** Calls {@code user} at {@code hop}; completes when the BYE got its 200. */
    CompletableFuture<Void> call(TransactionLayer layer, Hop hop, InetSocketAddress local, String user) {
        SipUri target = SipUri.of(user, hop.address().getAddress().getHostAddress(), hop.address().getPort());
        SipRequest invite = request(SipMethod.INVITE, target, local, hop, 1, null).build();
        layer.sendRequest(invite, hop, new ResponseListener() {
            @Override
            public void onResponse(ClientTransaction transaction, SipResponse response) {
                if (response.statusCode() >= 300) {
                    done.completeExceptionally(new AssertionError("the call was refused: " + response.statusCode()));
                } else if (response.statusCode() >= 200 && !done.isDone()) {
                    acknowledgeAndHangUp(layer, hop, local, target, response);
                }
            }

            @Override
            public void onFailure(ClientTransaction transaction, TransactionFailure failure) {
                done.completeExceptionally(new AssertionError("INVITE failed: " + failure));
            }
        });
        return done;
    }

    private void acknowledgeAndHangUp(TransactionLayer layer, Hop hop, InetSocketAddress local, SipUri target, SipResponse ok) {
        layer.sendAck(request(SipMethod.ACK, target, local, hop, 1, ok.to()).build(), hop);
        layer.sendRequest(request(SipMethod.BYE, target, local, hop, 2, ok.to()).build(), hop, new ResponseListener() {
            @Override
            public void onResponse(ClientTransaction transaction, SipResponse response) {
                if (response.statusCode() == 200) {
                    done.complete(null);
                } else if (response.statusCode() > 200) {
                    done.completeExceptionally(new AssertionError("BYE got " + response.statusCode()));
                }
            }

            @Override
            public void onFailure(ClientTransaction transaction, TransactionFailure failure) {
                done.completeExceptionally(new AssertionError("BYE failed: " + failure));
            }
        });
    }

    private static org.sipsocial.sip.message.RequestBuilder request(String method, SipUri target, InetSocketAddress local,
            Hop hop, int cseq, NameAddress to) {
        String host = local.getAddress().getHostAddress();
        return SipRequest.builder(method, target)
                .addHeader("Via", Via.of(hop.transport(), host, local.getPort(), Branch.create()).toString())
                .addHeader("Max-Forwards", "70")
                .addHeader("From", "<sip:uac@" + host + ">;tag=uac1")
                .addHeader("To", to == null ? "<" + target + ">" : to.toString())
                .addHeader("Call-ID", "interop-" + hop.transport().toLowerCase(Locale.ROOT) + "@" + host)
                .addHeader("CSeq", cseq + " " + method)
                .addHeader("Contact", "<sip:uac@" + host + ":" + local.getPort() + ";transport="
                        + hop.transport().toLowerCase(Locale.ROOT) + ">");
    }
}
