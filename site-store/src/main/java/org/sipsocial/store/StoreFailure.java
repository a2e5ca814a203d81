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
    /** A setting in site.properties that is missing or out of bounds. */
    BAD_SETTING,
    /** Another process holds the site's database open. */
    STORE_IN_USE,
    /** The database, the key file or the keystore is damaged. */
    STORE_DAMAGED
}
