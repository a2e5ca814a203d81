package org.sipsocial.store;

/** Everything that can go wrong with a site home and its encrypted store. */
public enum StoreFailure {
    /** No site home at the given path, or not a site home. */
    NO_SITE_HOME,
    /** {@code init} on a home that already holds a site. */
    SITE_HOME_EXISTS,
    /** The passphrase does not unwrap the data key. */
    WRONG_PASSPHRASE,
    /** No passphrase could be had (no file given and no terminal to ask on), or an unusable one. */
    NO_PASSPHRASE,
    /** A file given by the administrator cannot be read. */
    UNREADABLE_FILE,
    /** A user name outside the SIP {@code user} grammar. */
    BAD_USER_NAME,
    /** A password that cannot be used (empty, too long, control characters). */
    BAD_PASSWORD,
    USER_EXISTS,
    NO_SUCH_USER,
    /** A remote site name already on the Network Connection list (names compare ignoring case). */
    SITE_EXISTS,
    /** No such site on the Network Connection list. */
    NO_SUCH_SITE,
    /**
     * A remote site's certificate that cannot be pinned for it: it does not name the site, or is not valid now.
     */
    BAD_CERTIFICATE,
    /** The certificate's fingerprint is not the one the administrator confirmed. */
    FINGERPRINT_MISMATCH,
    /** The certificate is already pinned for another site name. */
    CERTIFICATE_PINNED,
    /** This site's own name or own certificate offered as a remote site's. */
    OWN_SITE,
    /** A remote site's address that is not HOST[:PORT]. */
    BAD_ADDRESS,
    /** A setting in site.properties that is missing or out of bounds. */
    BAD_SETTING,
    /** Another process holds the site's database open. */
    STORE_IN_USE,
    /** The database, the key file or the keystore is damaged. */
    STORE_DAMAGED,
    /** The site home cannot be written (a read-only file system, or no permission): nothing was changed. */
    HOME_NOT_WRITABLE,
    /** A file given to {@code restore} that is not a SIPsocial backup (or of a format this version cannot read). */
    NOT_A_BACKUP,
    /** A SIPsocial backup that is incomplete or damaged: nothing of it is restored. */
    BACKUP_DAMAGED,
    /** An action that only a running site can take (connect, disconnect, status) asked of a stopped one. */
    SITE_NOT_RUNNING
}
