package org.sipsocial.admin.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Where the console's pages live. */
public final class ConsolePaths {
    static final String LOGIN = "/login";
    static final String LOGOUT = "/logout";
    static final String SITE = "/site";
    static final String NETWORK = "/network";
    static final String USERS = "/users";
    static final String LIVE = "/live";
    /** htmx as its webjar serves it, at the version on the class path (so that the pom alone names it). */
    public static final String HTMX = "/webjars/htmx.org/" + webjarVersion("org.webjars.npm", "htmx.org") + "/dist/htmx.min.js";

    private ConsolePaths() {
    }

    private static String webjarVersion(String group, String artifact) {
        String file = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = ConsolePaths.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("the webjar " + group + ":" + artifact + " is not on the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
