package org.sipsocial.link.portmap;

/**
 * Why a step of UPnP IGD port mapping failed, in words for the status line: no answer to the search, a description
 * without a WAN connection service, a SOAP fault with its UPnP error code (UDA 1.1 §3.2.2), an HTTP failure.
 */
public final class UpnpException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int errorCode;

    public UpnpException(String reason) {
        this(reason, 0);
    }

    /** {@code errorCode}: the UPnP error code of a SOAP fault (UDA 1.1 §3.2.2), 0 when there was none. */
    public UpnpException(String reason, int errorCode) {
        super(reason);
        this.errorCode = errorCode;
    }

    public int errorCode() {
        return errorCode;
    }
}
