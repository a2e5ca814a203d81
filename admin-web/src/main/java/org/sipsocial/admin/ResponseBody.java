package org.sipsocial.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.sipsocial.identity.PemCertificates;
import org.sipsocial.identity.SiteName;
import org.sipsocial.store.DirectoryEntry;
import org.sipsocial.store.LinkStatus;
import org.sipsocial.store.ListedSite;
import org.sipsocial.store.NetworkStatus;
import org.sipsocial.store.RemoteSite;
import org.sipsocial.store.SiteActivity;
import org.sipsocial.store.SiteLink;
import org.sipsocial.store.SiteSummary;
import org.sipsocial.store.User;

/**
 * The JSON the admin API answers with. A password is written from its characters, never made a
 * {@code String}.
 *
 * <pre>
 * site     {"site": "theSmiths", "fingerprint": "AB:CD:..."}
 * user     {"name": "alice", "aor": "alice@theSmiths", "sipUri": "sip:alice@theSmiths", "createdAt": "2026-...Z",
 *           "listed": true}
 * users    {"users": [user, ...]}
 * added    {"user": user, "password": "generated"}   (the password only when it was generated)
 * password {"password": "generated"}
 * remote   {"name": "theJoneses", "address": "203.0.113.7:5070", "host": "203.0.113.7", "port": 5070,
 *           "fingerprint": "AB:CD:...", "certificate": "-----BEGIN CERTIFICATE-----...", "addedAt": "2026-...Z",
 *           "linkStatus": "disconnected"}   (the link status when listed or shown)
 * sites    {"sites": [remote, ...]}
 * link     {"site": "theJoneses", "linkStatus": "connected since 2026-... UTC, initiated by theSmiths, round trip 3 ms, seen from ..."}
 * status   {"links": [link, ...], "seenFrom": ["198.51.100.7:5070", ...], "refusals": ["refused: ...", ...],
 *           "portMapping": "router mapped 198.51.100.7:5070 to this site by NAT-PMP, renewed 12:04",
 *           "nat": "this site is behind a NAT that changes ports; ..."}   (nat only once something is known)
 * directory {"directory": [{"site": "theJoneses", "aor": "alice@theJoneses"}, ...]}
 * activity {"at": "2026-...Z", "phones": [{"user": "bob", "device": "SIPp", "transport": "UDP", "since": "2026-...Z"
 *           (null when registered before the site started)}, ...], "calls": [{"caller": "alice@theJoneses",
 *           "callee": "bob@theSmiths", "site": "theJoneses" ("" within the site), "since": "2026-...Z",
 *           "media": "direct UDP", "lost": 0, "late": 0}, ...], "links": [{"site": "theJoneses",
 *           "roundTripMillis": 3.2}, ...]}
 * error    {"error": "one line for the administrator", "reason": "NO_SUCH_USER"}
 * </pre>
 */
final class ResponseBody {
    static final String CONTENT_TYPE = "application/json";
    private static final JsonFactory JSON = new JsonFactory();

    private ResponseBody() {
    }

    private interface Writing {
        void write(JsonGenerator json) throws IOException;
    }

    private static byte[] object(Writing fields) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            json.writeStartObject();
            fields.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] site(SiteSummary summary) {
        return object(json -> {
            json.writeStringField("site", summary.site().toString());
            json.writeStringField("fingerprint", summary.fingerprint().colonHex());
        });
    }

    static byte[] users(List<User> users, SiteName site) {
        return object(json -> {
            json.writeArrayFieldStart("users");
            for (User user : users) {
                json.writeStartObject();
                userFields(json, user, site);
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    static byte[] added(User user, SiteName site, char[] generatedPassword) {
        return object(json -> {
            json.writeObjectFieldStart("user");
            userFields(json, user, site);
            json.writeEndObject();
            if (generatedPassword != null) {
                passwordField(json, generatedPassword);
            }
        });
    }

    static byte[] password(char[] generatedPassword) {
        return object(json -> passwordField(json, generatedPassword));
    }

    static byte[] sites(List<ListedSite> sites) {
        return object(json -> {
            json.writeArrayFieldStart("sites");
            for (ListedSite listed : sites) {
                json.writeStartObject();
                remoteFields(json, listed.site(), listed.linkStatus());
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    static byte[] site(ListedSite listed) {
        return object(json -> remoteFields(json, listed.site(), listed.linkStatus()));
    }

    static byte[] site(RemoteSite site) {
        return object(json -> remoteFields(json, site, null));
    }

    static byte[] link(SiteLink link) {
        return object(json -> linkFields(json, link));
    }

    static byte[] status(NetworkStatus status) {
        return object(json -> {
            json.writeArrayFieldStart("links");
            for (SiteLink link : status.links()) {
                json.writeStartObject();
                linkFields(json, link);
                json.writeEndObject();
            }
            json.writeEndArray();
            strings(json, "seenFrom", status.seenFrom());
            strings(json, "refusals", status.refusals());
            strings(json, "events", status.events());
            json.writeStringField("portMapping", status.portMapping());
            if (!status.nat().isEmpty()) {
                json.writeStringField("nat", status.nat());
            }
        });
    }

    private static void linkFields(JsonGenerator json, SiteLink link) throws IOException {
        json.writeStringField("site", link.site().toString());
        json.writeStringField("linkStatus", link.status().text());
    }

    private static void strings(JsonGenerator json, String name, List<String> values) throws IOException {
        json.writeArrayFieldStart(name);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    static byte[] directory(List<DirectoryEntry> entries) {
        return object(json -> {
            json.writeArrayFieldStart("directory");
            for (DirectoryEntry entry : entries) {
                json.writeStartObject();
                json.writeStringField("site", entry.site().toString());
                json.writeStringField("aor", entry.aor());
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    static byte[] activity(SiteActivity activity) {
        return object(json -> {
            json.writeStringField("at", activity.at().toString());
            json.writeArrayFieldStart("phones");
            for (SiteActivity.Phone phone : activity.phones()) {
                json.writeStartObject();
                json.writeStringField("user", phone.user());
                json.writeStringField("device", phone.device());
                json.writeStringField("transport", phone.transport());
                json.writeStringField("since", phone.since() == null ? null : phone.since().toString());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("calls");
            for (SiteActivity.Call call : activity.calls()) {
                json.writeStartObject();
                json.writeStringField("caller", call.caller());
                json.writeStringField("callee", call.callee());
                json.writeStringField("site", call.site());
                json.writeStringField("since", call.since().toString());
                json.writeStringField("media", call.media());
                json.writeNumberField("lost", call.lost());
                json.writeNumberField("late", call.late());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("links");
            for (SiteActivity.LinkRoundTrip link : activity.links()) {
                json.writeStartObject();
                json.writeStringField("site", link.site());
                json.writeNumberField("roundTripMillis", link.roundTrip().toNanos() / 1_000_000.0);
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    static byte[] error(String message, String reason) {
        return object(json -> {
            json.writeStringField("error", message);
            json.writeStringField("reason", reason);
        });
    }

    private static void userFields(JsonGenerator json, User user, SiteName site) throws IOException {
        json.writeStringField("name", user.name().toString());
        json.writeStringField("aor", user.aor(site.toString()));
        json.writeStringField("sipUri", user.sipUri(site.toString()));
        json.writeStringField("createdAt", user.createdAt().toString());
        json.writeBooleanField("listed", user.listed());
    }

    private static void remoteFields(JsonGenerator json, RemoteSite site, LinkStatus status) throws IOException {
        json.writeStringField("name", site.name().toString());
        json.writeStringField("address", site.address().toString());
        json.writeStringField("host", site.address().host());
        json.writeNumberField("port", site.address().port());
        json.writeStringField("fingerprint", site.fingerprint().colonHex());
        json.writeStringField("certificate", PemCertificates.write(site.certificate()));
        json.writeStringField("addedAt", site.addedAt().toString());
        if (status != null) {
            json.writeStringField("linkStatus", status.text());
        }
    }

    private static void passwordField(JsonGenerator json, char[] password) throws IOException {
        json.writeFieldName("password");
        json.writeString(password, 0, password.length);
    }
}
