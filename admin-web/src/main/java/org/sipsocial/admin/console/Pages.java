package org.sipsocial.admin.console;

import java.util.List;

/** The records the templates render: each page's values, already in words; no template decides anything. */
public final class Pages {
    private Pages() {
    }

    public record Login(String site, String csrf, String error) {
    }

    /**
     * @param portMapping what the router mapped, or why not ("" when the running site says nothing)
     * @param nat         what the site learned of its NAT from the sites it dialled ("" while nothing is known)
     */
    public record ThisSite(PageFrame frame, String fingerprint, List<String> spokenBlocks, String sipAddress,
                           String sipsAddress, String linkAddress, String adminAddress, List<String> seenFrom,
                           String portMapping, String nat) {
    }

    public record NetworkRow(String name, String path, String address, String fingerprint, String status) {
    }

    public record Network(PageFrame frame, List<NetworkRow> sites, StatusLine statusLine, SiteForm form) {
    }

    /** What the add-site form shows: empty, or what was typed when it must be corrected. */
    public record SiteForm(String name, String address, String certificate) {
        public static final SiteForm EMPTY = new SiteForm("", "", "");
    }

    /** The Status Message line at the bottom of the Network Connection page. */
    public record StatusLine(String text) {
    }

    public record ConfirmSite(PageFrame frame, String name, String address, String certificate, String fingerprint,
                              List<String> spokenBlocks) {
    }

    public record UserRow(String name, String path, String aor, boolean listed) {
    }

    public record Users(PageFrame frame, List<UserRow> users) {
    }

    public record PasswordOnce(PageFrame frame, String aor, String password, String what) {
    }

    public record Phone(PageFrame frame, String aor, String path, String user, String domain, String registrar,
                        String transports, String qrText) {
    }

    public record Live(PageFrame frame, LiveNow now) {
    }

    /**
     * The live part of the Live page, which htmx fetches again every few seconds: {@code note} says why there is
     * nothing (the site is not running), else the phones, the calls (each with how many more there are than
     * the page lists) and the charts.
     */
    public record LiveNow(String note, List<PhoneRow> phones, int morePhones, List<CallRow> calls, int moreCalls,
                          List<Chart> charts) {
    }

    /** A registered phone: its user (on the user's first row only), device, transport and since when. */
    public record PhoneRow(String user, String device, String transport, String since) {
    }

    /** A call: who with whom, the other site (or "this site"), since when, and its media between sites. */
    public record CallRow(String caller, String callee, String site, String since, String media) {
    }

    /** A small line chart: {@code points} for an SVG polyline in a {@code width} by {@code height} box. */
    public record Chart(String id, String title, String points, String caption, int width, int height) {
    }
}
