package org.sipsocial.link;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sipsocial.identity.SiteName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory of issue 10: the AORs of the listed users that each side of a link publishes to the other. Used
 * on the link thread only.
 *
 * <p>Sent as a {@code Link-Action: directory} request (see {@link LinkMessages}) whenever a link comes up and
 * whenever the listed users change: the whole directory each time, one AOR per line ({@code alice@theSmiths}
 * CRLF), split in pages that fit the link's message limit, numbered {@code Link-Directory-Page: 2/3}. A link is
 * ordered, so a page 1 starts a new directory and the last page replaces the one kept for the site.
 *
 * <p>What is received is bounded and judged here, in one place: at most {@value #MAX_ENTRIES} entries and
 * {@value #MAX_PAGES} pages (413, the previous directory stays); a page out of order or a bad page header is
 * 400; a line that is not an AOR of the sending site (the certificate-bound link name, never what the message
 * says) is dropped and logged. A site's directory is forgotten when its link goes down: it shows only what
 * connected sites publish now.
 */
final class LinkDirectory {
    /** Our limit on the entries of one site's directory, sent or received. */
    static final int MAX_ENTRIES = 10_000;
    /** Our limit on the body of one page: under {@link LinkFramer#MAX_MESSAGE} with room for the headers. */
    static final int PAGE_BYTES = 60_000;
    /** Pages that {@value #MAX_ENTRIES} of the longest AORs (64 + 1 + 253 characters and CRLF) fill. */
    static final int MAX_PAGES = (MAX_ENTRIES * (64 + 1 + SiteName.MAX_LENGTH + 2)) / PAGE_BYTES + 1;

    /**
     * RFC 3261 §25.1: {@code user = 1*( unreserved / escaped / user-unreserved )}, {@code user-unreserved = "&" /
     * "=" / "+" / "$" / "," / ";" / "?" / "/"}, {@code unreserved = alphanum / mark}, {@code mark = "-" / "_" / "."
     * / "!" / "~" / "*" / "'" / "(" / ")"}; at most 64 characters, our limit on user names.
     */
    private static final Pattern USER = Pattern.compile("(?:[A-Za-z0-9\\-_.!~*'()&=+$,;?/]|%[0-9A-Fa-f]{2}){1,64}");
    private static final Pattern PAGE = Pattern.compile("(\\d{1,4})/(\\d{1,4})");
    private static final Logger LOG = LoggerFactory.getLogger(LinkDirectory.class);

    /** The answer to one page: 200, 400 or 413 with its reason phrase. */
    record Answer(int status, String reason) {
        static final Answer OK = new Answer(200, "OK");
    }

    private final SiteName self;
    private List<String> published = List.of();
    private final Map<SiteName, List<String>> received = new HashMap<>();
    private final Map<SiteName, Assembly> assembling = new HashMap<>();

    LinkDirectory(SiteName self) {
        this.self = self;
    }

    /** The user parts of our listed users; at most {@value #MAX_ENTRIES} are published. */
    void publish(List<String> names) {
        if (names.size() > MAX_ENTRIES) {
            LOG.warn("{} users are listed; the directory publishes the first {}", names.size(), MAX_ENTRIES);
        }
        List<String> aors = new ArrayList<>();
        for (String name : names.subList(0, Math.min(names.size(), MAX_ENTRIES))) {
            if (USER.matcher(name).matches()) aors.add(name + "@" + self); else LOG.warn("not published: {}", name);
        }
        published = List.copyOf(aors);
    }

    /** Our directory as page bodies, at least one (an empty directory is one empty page). */
    List<byte[]> pages() {
        List<byte[]> pages = new ArrayList<>();
        StringBuilder page = new StringBuilder();
        for (String aor : published) {
            if (page.length() + aor.length() + 2 > PAGE_BYTES) {
                pages.add(page.toString().getBytes(StandardCharsets.US_ASCII));
                page.setLength(0);
            }
            page.append(aor).append("\r\n");
        }
        pages.add(page.toString().getBytes(StandardCharsets.US_ASCII));
        return pages;
    }

    /** Judges one page from {@code site} (the link's certificate-bound name); the last one replaces its directory. */
    Answer receive(SiteName site, String pageHeader, String body) {
        Matcher page = PAGE.matcher(pageHeader == null ? "" : pageHeader.trim());
        if (!page.matches()) return refuse(site, 400, "Bad Directory Page", "a page header " + pageHeader);
        int number = Integer.parseInt(page.group(1));
        int of = Integer.parseInt(page.group(2));
        if (number < 1 || number > of) return refuse(site, 400, "Bad Directory Page", "page " + pageHeader);
        if (of > MAX_PAGES) return refuse(site, 413, "Directory Too Large", of + " pages");
        Assembly assembly = number == 1 ? new Assembly(of) : assembling.get(site);
        if (assembly == null || assembly.of != of || assembly.next != number) {
            return refuse(site, 400, "Directory Page Out Of Order", "page " + pageHeader);
        }
        assembling.put(site, assembly);
        int foreign = 0;
        String example = null;
        for (String line : body.split("\r\n")) {
            if (line.isEmpty()) continue;
            if (!isAorOf(site, line)) {
                foreign++;
                if (example == null) example = line;
                continue;
            }
            if (assembly.aors.size() >= MAX_ENTRIES) {
                return refuse(site, 413, "Directory Too Large", "more than " + MAX_ENTRIES + " entries");
            }
            assembly.aors.add(line.substring(0, line.lastIndexOf('@') + 1) + site);
        }
        if (foreign > 0) {
            LOG.warn("dropped {} entries of the directory from {} that are not AORs of {}, such as {}", foreign, site,
                    site, example.length() > 80 ? example.substring(0, 80) + "..." : example);
        }
        assembly.next++;
        if (number == of) {
            assembling.remove(site);
            received.put(site, List.copyOf(assembly.aors));
            LOG.info("the directory of {}: {} AORs", site, assembly.aors.size());
        }
        return Answer.OK;
    }

    /** The link with {@code site} went down: what it published goes too. */
    void forget(SiteName site) {
        received.remove(site);
        assembling.remove(site);
    }

    /** What connected sites publish, by site name ignoring case, each directory in user order ignoring case. */
    Map<SiteName, List<String>> received() {
        Map<SiteName, List<String>> out = new LinkedHashMap<>();
        received.keySet().stream().sorted(Comparator.comparing(SiteName::key))
                .forEach(site -> out.put(site, received.get(site)));
        return out;
    }

    private boolean isAorOf(SiteName site, String line) {
        int at = line.lastIndexOf('@');
        return at > 0 && USER.matcher(line.substring(0, at)).matches()
                && line.substring(at + 1).toLowerCase(Locale.ROOT).equals(site.key());
    }

    private Answer refuse(SiteName site, int status, String reason, String what) {
        assembling.remove(site);
        LOG.warn("the directory from {} is refused with {} {}: {}", site, status, reason, what);
        return new Answer(status, reason);
    }

    /** A directory arriving page by page. */
    private static final class Assembly {
        final int of;
        int next = 1;
        final TreeSet<String> aors = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

        Assembly(int of) {
            this.of = of;
        }
    }
}
