package org.sipsocial.link;

/**
 * Why a link is not up: the one failure vocabulary of site links. Each reason renders the plain status line
 * the administrator reads ({@code sipsocial status}, the console's Status Message), from a {@link LinkError}.
 */
public enum LinkFailure {
    /** The TCP connect got no answer at all: filtered, or a NAT that does not forward the link port. */
    NO_ANSWER("timeout: no answer from %a (if it is behind a NAT, ask its administrator to connect now)"),
    /** The TCP connect was refused: the host answers, but no site listens on that port. */
    NOTHING_LISTENS("refused: nothing listens on %a"),
    /** The other site refused our certificate during the handshake (TLS alert): it has not imported it. */
    THEY_LACK_OUR_CERTIFICATE("refused: %s does not have our certificate"),
    /** The site we dialled presented a certificate other than the one imported for it. */
    NOT_THE_IMPORTED_CERTIFICATE("refused: the certificate presented is not the one imported for %s"),
    /** The certificate imported for the site is the one presented, but it has expired. */
    CERTIFICATE_EXPIRED("refused: the certificate of %s expired on %d"),
    /** The certificate imported for the site is the one presented, but it is not valid yet. */
    CERTIFICATE_NOT_YET_VALID("refused: the certificate of %s is not valid before %d"),
    /** Our own certificate has expired; the other site refused it. */
    OUR_CERTIFICATE_EXPIRED("refused: our certificate expired on %d"),
    /** Connect was asked for a site that is not on the Network Connection list. */
    NOT_ON_LIST("refused: %s is not on the Network Connection list"),
    /** Inbound: the caller presented a certificate imported for no site on the list. */
    UNKNOWN_CERTIFICATE("refused: %a presented a certificate that is not on the Network Connection list"),
    /** Inbound: the caller presented no certificate (client authentication is always required). */
    NO_CERTIFICATE("refused: %a presented no certificate"),
    /** Inbound: the caller refused our certificate (it dialled us expecting another one). */
    OUR_CERTIFICATE_REFUSED("refused: %a did not accept our certificate"),
    /** The TLS handshake failed for another reason (protocol version, cipher, broken peer). */
    HANDSHAKE_FAILED("refused: the TLS handshake with %a failed"),
    /** The other side accepted TLS but closed before answering the link request. */
    CLOSED_BEFORE_ANSWER("refused: %s closed the connection without answering"),
    /**
     * Our dial could not leave the link port: the one connection between the two link ports is already being set
     * up, by the other site's dial arriving at our listener.
     */
    ANSWERING_THEIR_DIAL("connecting: answering the dial of %s"),
    /** The other side answered 480: its administrator disconnected us and has not pressed Connect since. */
    THEY_DISCONNECTED("refused: %s disconnected this link and has not pressed Connect since"),
    /** A message was to be sent to a site with no link up. */
    NOT_LINKED("refused: no link to %s is up"),
    /** The keep-alive got no pong in time (RFC 5626 §4.4.1): the peer or the path is dead. */
    PEER_STOPPED_ANSWERING("lost: %s stopped answering keep-alives"),
    /** The connection of a link closed without a disconnect from either side. */
    LINK_LOST("lost: the connection to %s closed");

    private final String template;

    LinkFailure(String template) {
        this.template = template;
    }

    /** The status line for this reason: {@code %s} is the site, {@code %a} the address, {@code %d} the date. */
    String render(String site, String address, String date) {
        return template.replace("%s", site).replace("%a", address).replace("%d", date);
    }
}
