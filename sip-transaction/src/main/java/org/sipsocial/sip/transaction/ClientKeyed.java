package org.sipsocial.sip.transaction;

/** A client transaction knows its {@link ClientKey} from the start, so that it leaves the table even while its request waits as bytes. */
interface ClientKeyed {
    ClientKey clientKey();
}
