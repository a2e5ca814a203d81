package org.sipsocial.store;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.h2.api.ErrorCode;
import org.sipsocial.identity.Fingerprint;
import org.sipsocial.identity.IdentityException;
import org.sipsocial.identity.PemCertificates;
import org.sipsocial.identity.SiteName;

/**
 * The Network Connection list as the database keeps it ({@code remote_site}): the source of truth for which
 * certificate is pinned for which site name. Only storage: the rules are {@link NetworkList}'s.
 */
public final class RemoteSites {
    private static final String COLUMNS = "name, host, port, certificate_pem, added_at";

    private final SiteDatabase database;

    public RemoteSites(SiteDatabase database) {
        this.database = database;
    }

    /** Stores {@code site}; a name or fingerprint already stored is refused, as a race loser would be. */
    public void add(RemoteSite site) {
        try (Connection connection = database.connection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO remote_site "
                     + "(name_key, name, host, port, fingerprint_sha256, certificate_pem, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, site.name().key());
            insert.setString(2, site.name().toString());
            insert.setString(3, site.address().host());
            insert.setInt(4, site.address().port());
            insert.setString(5, site.fingerprint().colonHex());
            insert.setString(6, PemCertificates.write(site.certificate()));
            insert.setTimestamp(7, Timestamp.from(site.addedAt()));
            insert.executeUpdate();
        } catch (SQLException e) {
            if (e.getErrorCode() == ErrorCode.DUPLICATE_KEY_1) {
                throw new StoreException(StoreFailure.SITE_EXISTS, site.name()
                        + " or its certificate is already on the Network Connection list", e);
            }
            throw failed("add site " + site.name(), e);
        }
    }

    /** Every site, in the order of their names ignoring case. */
    public List<RemoteSite> list() {
        try (Connection connection = database.connection();
             PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM remote_site ORDER BY name_key");
             ResultSet rows = select.executeQuery()) {
            List<RemoteSite> sites = new ArrayList<>();
            while (rows.next()) {
                sites.add(site(rows));
            }
            return sites;
        } catch (SQLException e) {
            throw failed("list the sites", e);
        }
    }

    public Optional<RemoteSite> find(SiteName name) {
        return one("SELECT " + COLUMNS + " FROM remote_site WHERE name_key = ?", name.key());
    }

    /** The site whose pinned certificate has this fingerprint, if any. */
    public Optional<RemoteSite> pinning(Fingerprint fingerprint) {
        return one("SELECT " + COLUMNS + " FROM remote_site WHERE fingerprint_sha256 = ?", fingerprint.colonHex());
    }

    /** Removes the site; whether it was there. */
    public boolean remove(SiteName name) {
        return update("DELETE FROM remote_site WHERE name_key = ?", name.key()) > 0;
    }

    /** Moves the site; whether it was there. */
    public boolean setAddress(SiteName name, SiteAddress address) {
        return update("UPDATE remote_site SET host = ?, port = ? WHERE name_key = ?",
                address.host(), address.port(), name.key()) > 0;
    }

    /** The sites whose links the administrator wants up, in the order of their names ignoring case. */
    public List<SiteName> linksWanted() {
        return names("link_wanted");
    }

    /** Records whether the link with the site is wanted; whether the site is on the list. */
    public boolean setLinkWanted(SiteName name, boolean wanted) {
        return update("UPDATE remote_site SET link_wanted = ? WHERE name_key = ?", wanted, name.key()) > 0;
    }

    /**
     * The sites whose links the administrator disconnected (a Connect from them is refused until Connect is
     * pressed here), in the order of their names ignoring case.
     */
    public List<SiteName> linksDisconnected() {
        return names("link_disconnected");
    }

    /** Records whether the administrator disconnected the link with the site; whether the site is on the list. */
    public boolean setLinkDisconnected(SiteName name, boolean disconnected) {
        return update("UPDATE remote_site SET link_disconnected = ? WHERE name_key = ?", disconnected, name.key()) > 0;
    }

    private List<SiteName> names(String flag) {
        try (Connection connection = database.connection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT name FROM remote_site WHERE " + flag + " ORDER BY name_key");
             ResultSet rows = select.executeQuery()) {
            List<SiteName> names = new ArrayList<>();
            while (rows.next()) {
                names.add(SiteName.of(rows.getString(1)));
            }
            return names;
        } catch (SQLException e) {
            throw failed("read the links' state", e);
        }
    }

    private Optional<RemoteSite> one(String sql, String key) {
        try (Connection connection = database.connection(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, key);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(site(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failed("read the sites", e);
        }
    }

    private static RemoteSite site(ResultSet row) throws SQLException {
        SiteName name = SiteName.of(row.getString(1));
        try {
            X509Certificate certificate = PemCertificates.read(row.getString(4).getBytes(StandardCharsets.US_ASCII),
                    "of " + name + " in the site database");
            return new RemoteSite(name, new SiteAddress(row.getString(2), row.getInt(3)), certificate,
                    row.getTimestamp(5).toInstant());
        } catch (IdentityException e) {
            throw new StoreException(StoreFailure.STORE_DAMAGED, e.getMessage(), e);
        }
    }

    private int update(String sql, Object... values) {
        try (Connection connection = database.connection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw failed("change the sites", e);
        }
    }

    private static StoreException failed(String action, SQLException e) {
        return new StoreException(StoreFailure.STORE_DAMAGED, "cannot " + action + ": " + e.getMessage(), e);
    }
}
