package org.sipsocial.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.sipsocial.identity.Fingerprint;
import org.sipsocial.identity.PemCertificates;
import org.sipsocial.identity.SiteName;
import org.sipsocial.store.AdminToken;
import org.sipsocial.store.DirectoryEntry;
import org.sipsocial.store.LinkStatus;
import org.sipsocial.store.ListedSite;
import org.sipsocial.store.NetworkStatus;
import org.sipsocial.store.RemoteSite;
import org.sipsocial.store.SiteAddress;
import org.sipsocial.store.SiteAdministration;
import org.sipsocial.store.SiteLink;
import org.sipsocial.store.SiteSummary;
import org.sipsocial.store.User;
import org.sipsocial.store.UserAdded;
import org.sipsocial.store.UserName;

/**
 * A running site's administration, reached through its JSON admin API on loopback with the token the site
 * wrote to its home. The site's refusals come back as the same {@link org.sipsocial.store.StoreException}s,
 * with the same one line, as on the stopped store; see {@link AdminApiErrors}.
 */
final class AdminClient implements SiteAdministration {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration BACKUP_TIMEOUT = Duration.ofMinutes(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final AdminToken token;
    private final HttpClient http;

    AdminClient(InetSocketAddress address, AdminToken token) {
        this.base = URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + "/api/v1");
        this.token = token;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build();
    }

    /** The site's summary, or empty when nothing listens at the address (the site is not running). */
    Optional<SiteSummary> probe() {
        try {
            return Optional.of(summary());
        } catch (NotAnswering e) {
            return Optional.empty();
        }
    }

    @Override
    public SiteSummary summary() {
        JsonNode site = readJson(send("GET", "/site", null));
        return new SiteSummary(SiteName.of(site.path("site").asText()), Fingerprint.parse(site.path("fingerprint").asText()));
    }

    @Override
    public void setAdminPassword(char[] password) {
        send("PUT", "/admin/password", object(json -> writePassword(json, Optional.of(password))));
    }

    @Override
    public List<User> users() {
        List<User> users = new ArrayList<>();
        for (JsonNode user : readJson(send("GET", "/users", null)).path("users")) {
            users.add(user(user));
        }
        return users;
    }

    @Override
    public UserAdded addUser(UserName name, Optional<char[]> password, boolean listed) {
        byte[] body = object(json -> {
            json.writeStringField("name", name.toString());
            json.writeBooleanField("listed", listed);
            writePassword(json, password);
        });
        JsonNode added = readJson(send("POST", "/users", body));
        return new UserAdded(user(added.path("user")), password(added));
    }

    @Override
    public void setListed(UserName name, boolean listed) {
        send("PUT", "/users/" + pathSegment(name) + "/listed", object(json -> json.writeBooleanField("listed", listed)));
    }

    @Override
    public List<DirectoryEntry> directory() {
        List<DirectoryEntry> entries = new ArrayList<>();
        for (JsonNode entry : readJson(send("GET", "/directory", null)).path("directory")) {
            entries.add(new DirectoryEntry(SiteName.of(entry.path("site").asText()), entry.path("aor").asText()));
        }
        return entries;
    }

    @Override
    public void removeUser(UserName name) {
        send("DELETE", "/users/" + pathSegment(name), null);
    }

    @Override
    public Optional<char[]> changePassword(UserName name, Optional<char[]> password) {
        byte[] body = object(json -> writePassword(json, password));
        HttpResponse<byte[]> response = send("PUT", "/users/" + pathSegment(name) + "/password", body);
        return response.statusCode() == 204 ? Optional.empty() : password(readJson(response));
    }

    @Override
    public RemoteSite addSite(SiteName name, SiteAddress address, X509Certificate certificate, Fingerprint confirmedFingerprint) {
        byte[] body = object(json -> {
            json.writeStringField("name", name.toString());
            json.writeStringField("address", address.toString());
            json.writeStringField("certificate", PemCertificates.write(certificate));
            json.writeStringField("fingerprint", confirmedFingerprint.colonHex());
        });
        return remoteSite(readJson(send("POST", "/sites", body)));
    }

    @Override
    public List<ListedSite> sites() {
        List<ListedSite> sites = new ArrayList<>();
        for (JsonNode site : readJson(send("GET", "/sites", null)).path("sites")) {
            sites.add(listedSite(site));
        }
        return sites;
    }

    @Override
    public ListedSite site(SiteName name) {
        return listedSite(readJson(send("GET", "/sites/" + pathSegment(name.toString()), null)));
    }

    @Override
    public void removeSite(SiteName name) {
        send("DELETE", "/sites/" + pathSegment(name.toString()), null);
    }

    @Override
    public RemoteSite setSiteAddress(SiteName name, SiteAddress address) {
        byte[] body = object(json -> json.writeStringField("address", address.toString()));
        return remoteSite(readJson(send("PUT", "/sites/" + pathSegment(name.toString()) + "/address", body)));
    }

    @Override
    public SiteLink connect(SiteName name) {
        return siteLink(readJson(send("POST", "/sites/" + pathSegment(name.toString()) + "/connect", null)));
    }

    @Override
    public SiteLink disconnect(SiteName name) {
        return siteLink(readJson(send("POST", "/sites/" + pathSegment(name.toString()) + "/disconnect", null)));
    }

    @Override
    public SiteLink status(SiteName name) {
        return siteLink(readJson(send("GET", "/status/" + pathSegment(name.toString()), null)));
    }

    @Override
    public NetworkStatus status() {
        JsonNode status = readJson(send("GET", "/status", null));
        List<SiteLink> links = new ArrayList<>();
        status.path("links").forEach(link -> links.add(siteLink(link)));
        return new NetworkStatus(links, texts(status.path("seenFrom")), texts(status.path("refusals")),
                texts(status.path("events")), status.path("portMapping").asText(""), status.path("nat").asText(""));
    }

    private static SiteLink siteLink(JsonNode link) {
        return new SiteLink(SiteName.of(link.path("site").asText()), new LinkStatus(link.path("linkStatus").asText()));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(text -> texts.add(text.asText()));
        return texts;
    }

    @Override
    public void backup(OutputStream out) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/backup")).timeout(BACKUP_TIMEOUT)
                .header("Authorization", "Bearer " + token.value()).GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body(); OutputStream into = out) {
                if (response.statusCode() >= 300) {
                    throw AdminApiErrors.failure(response.statusCode(), body.readAllBytes(), base);
                }
                body.transferTo(into);
            }
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new NotAnswering(base, e);
        } catch (IOException e) {
            throw AdminApiErrors.unreachable(base, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AdminApiErrors.unreachable(base, e);
        }
    }

    private HttpResponse<byte[]> send(String method, String path, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token.value())
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() >= 300) {
                throw AdminApiErrors.failure(response.statusCode(), response.body(), base);
            }
            return response;
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new NotAnswering(base, e);
        } catch (IOException e) {
            throw AdminApiErrors.unreachable(base, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AdminApiErrors.unreachable(base, e);
        } finally {
            if (body != null) {
                Arrays.fill(body, (byte) 0);
            }
        }
    }

    private static JsonNode readJson(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("the running site answered with something that is not JSON", e);
        } finally {
            Arrays.fill(response.body(), (byte) 0);
        }
    }

    private static User user(JsonNode user) {
        return new User(UserName.of(user.path("name").asText()), Instant.parse(user.path("createdAt").asText()),
                user.path("listed").asBoolean(true));
    }

    private static RemoteSite remoteSite(JsonNode site) {
        SiteName name = SiteName.of(site.path("name").asText());
        X509Certificate certificate = PemCertificates.read(site.path("certificate").asText().getBytes(StandardCharsets.US_ASCII),
                "of " + name + " from the running site");
        return new RemoteSite(name, new SiteAddress(site.path("host").asText(), site.path("port").asInt()), certificate,
                Instant.parse(site.path("addedAt").asText()));
    }

    private static ListedSite listedSite(JsonNode site) {
        return new ListedSite(remoteSite(site), new LinkStatus(site.path("linkStatus").asText()));
    }

    private static Optional<char[]> password(JsonNode answer) {
        JsonNode password = answer.get("password");
        return password == null ? Optional.empty() : Optional.of(password.asText().toCharArray());
    }

    private interface Writing {
        void write(JsonGenerator json) throws IOException;
    }

    private static byte[] object(Writing fields) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.getFactory().createGenerator(bytes)) {
            json.writeStartObject();
            fields.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Writes the password, if any, from its characters, and wipes them: this method owns what it is given. */
    private static void writePassword(JsonGenerator json, Optional<char[]> password) throws IOException {
        if (password.isPresent()) {
            char[] secret = password.get();
            try {
                json.writeFieldName("password");
                json.writeString(secret, 0, secret.length);
            } finally {
                Arrays.fill(secret, '\0');
            }
        }
    }

    /** The user name as one path segment: every character but ALPHA / DIGIT / "-" / "_" percent-encoded. */
    static String pathSegment(UserName name) {
        return pathSegment(name.toString());
    }

    /** {@code text} as one path segment: every character but ALPHA / DIGIT / "-" / "_" percent-encoded. */
    static String pathSegment(String text) {
        StringBuilder segment = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            segment.append(plain ? String.valueOf(c) : String.format("%%%02X", b & 0xff));
        }
        return segment.toString();
    }

    /** Nothing listens where the running site's admin API should be. */
    static final class NotAnswering extends UncheckedIOException {
        NotAnswering(URI base, IOException cause) {
            super("the admin API of the site does not answer at " + base + " (did the site stop?)", cause);
        }
    }
}
