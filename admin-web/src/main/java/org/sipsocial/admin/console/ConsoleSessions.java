package org.sipsocial.admin.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The console's sessions, in memory only (a restart logs everyone out). A session begins at the login page,
 * unauthenticated, so that the login form has a CSRF token too; a successful login replaces it with a new one
 * (new id, new token), so an id planted before login is worth nothing. Each session carries its synchronizer
 * token, which every form posts back, and expires after {@link #IDLE} without use or {@link #LIFETIME} after
 * login, whichever comes first.
 */
public final class ConsoleSessions {
    public static final Duration IDLE = Duration.ofMinutes(30);
    public static final Duration LIFETIME = Duration.ofHours(8);
    /**
     * At most this many login pages' sessions are kept, the least recently used going first: anyone can open the
     * login page, so they are counted apart from the logged-in ones, which they can never push out.
     */
    static final int MAX_ANONYMOUS = 256;
    /** At most this many logged-in sessions (browsers of the administrators); the least recently used goes first. */
    static final int MAX_AUTHENTICATED = 32;
    private static final int TOKEN_BYTES = 32;

    private final Clock clock;
    private final SecureRandom random;
    private final Map<String, Session> sessions = new LinkedHashMap<>(16, 0.75f, true);

    public ConsoleSessions(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    /** One session: its id (the cookie), its CSRF token, whether it logged in, and a message for the next page. */
    public static final class Session {
        private final String id;
        private final String csrfToken;
        private final boolean authenticated;
        private final Instant ends;
        private Instant lastUse;
        private String flash;
        private boolean flashIsError;

        private Session(String id, String csrfToken, boolean authenticated, Instant now) {
            this.id = id;
            this.csrfToken = csrfToken;
            this.authenticated = authenticated;
            this.ends = now.plus(LIFETIME);
            this.lastUse = now;
        }

        public String id() {
            return id;
        }

        public String csrfToken() {
            return csrfToken;
        }

        public boolean authenticated() {
            return authenticated;
        }

        /** Whether {@code token} is this session's CSRF token, compared in constant time. */
        public boolean csrfMatches(String token) {
            return token != null && MessageDigest.isEqual(csrfToken.getBytes(StandardCharsets.US_ASCII),
                    token.getBytes(StandardCharsets.US_ASCII));
        }

        /** Keeps a line for the next page shown in this session (after a redirect). */
        public synchronized void flash(String message, boolean error) {
            this.flash = message;
            this.flashIsError = error;
        }

        /** The line kept for this page, once. */
        public synchronized Optional<ConsoleMessage> takeFlash() {
            if (flash == null) {
                return Optional.empty();
            }
            ConsoleMessage message = new ConsoleMessage(flash, flashIsError);
            flash = null;
            return Optional.of(message);
        }

        private boolean expired(Instant now) {
            return !now.isBefore(ends) || !now.isBefore(lastUse.plus(IDLE));
        }
    }

    /** A new session before login: it only carries the login form's CSRF token. */
    public synchronized Session anonymous() {
        return add(false);
    }

    /** A new logged-in session, replacing {@code before} (the login page's). */
    public synchronized Session login(Session before) {
        sessions.remove(before.id());
        return add(true);
    }

    /** The live session with this id, its idle time restarted; empty if unknown or expired. */
    public synchronized Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session session = sessions.get(id);
        Instant now = clock.instant();
        if (session == null) {
            return Optional.empty();
        }
        if (session.expired(now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        session.lastUse = now;
        return Optional.of(session);
    }

    public synchronized void end(Session session) {
        sessions.remove(session.id());
    }

    /** Seconds until a session used now idles out: the cookie's Max-Age. */
    public static long cookieMaxAgeSeconds() {
        return IDLE.toSeconds();
    }

    private Session add(boolean authenticated) {
        Instant now = clock.instant();
        sessions.values().removeIf(session -> session.expired(now));
        int limit = authenticated ? MAX_AUTHENTICATED : MAX_ANONYMOUS;
        long alike = sessions.values().stream().filter(session -> session.authenticated == authenticated).count();
        for (Iterator<Session> oldest = sessions.values().iterator(); oldest.hasNext() && alike >= limit; ) {
            if (oldest.next().authenticated == authenticated) {
                oldest.remove();
                alike--;
            }
        }
        Session session = new Session(token(), token(), authenticated, now);
        sessions.put(session.id(), session);
        return session;
    }

    private String token() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
