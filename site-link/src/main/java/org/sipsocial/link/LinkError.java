package org.sipsocial.link;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * One failure of a link with what its status line names.
 *
 * @param failure the reason
 * @param site    the remote site's name as written, or empty when unknown (an inbound stranger)
 * @param address {@code host:port} of the other end
 * @param date    the certificate date a certificate failure names, or {@code null}
 */
public record LinkError(LinkFailure failure, String site, String address, Instant date) {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    public LinkError {
        Objects.requireNonNull(failure, "failure");
        site = site == null ? "" : site;
        address = address == null ? "" : address;
    }

    public static LinkError of(LinkFailure failure, RemoteSite site) {
        return new LinkError(failure, site.name().toString(), site.hostPort(), null);
    }

    /** The plain line shown as the link's status. */
    public String line() {
        return failure.render(site, address, date == null ? "" : DAY.format(date));
    }

    @Override
    public String toString() {
        return line();
    }
}
