package org.sipsocial.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The registrations of the site's users, as saved for a restart. */
public final class StoredBindings {
    private static final String INSERT = "INSERT INTO registration_binding (aor_key, contact, expires_at, call_id, cseq, "
            + "path, flow_transport, flow_address, flow_port) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** Numbered parameters, so that {@link #bind} sets them in INSERT's order. */
    private static final String UPDATE = "UPDATE registration_binding SET expires_at = ?3, call_id = ?4, cseq = ?5, path = ?6, "
            + "flow_transport = ?7, flow_address = ?8, flow_port = ?9 WHERE aor_key = ?1 AND contact = ?2";
    private final SiteDatabase database;

    public StoredBindings(SiteDatabase database) {
        this.database = database;
    }

    /**
     * Deletes the saved bindings named in {@code gone} (AOR and Contact), rewrites {@code refreshed} in place and
     * inserts {@code added}, in one transaction: what a registrar that changed a few of an AOR's contacts needs to
     * write, rather than all of them. A refresh (a phone's re-REGISTER: a later expiry and CSeq) is an UPDATE of
     * its row, which leaves the row's key and the AOR index alone; as a DELETE and an INSERT it cost the store
     * about twice the pages (issue 14, {@code RegistrationSaveBenchmark}).
     */
    public void apply(Collection<StoredBinding> gone, Collection<StoredBinding> refreshed, Collection<StoredBinding> added) {
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement delete = connection.prepareStatement(
                         "DELETE FROM registration_binding WHERE aor_key = ? AND contact = ?");
                 PreparedStatement update = connection.prepareStatement(UPDATE);
                 PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (StoredBinding binding : gone) {
                    delete.setString(1, binding.aorKey());
                    delete.setString(2, binding.contact());
                    delete.addBatch();
                }
                delete.executeBatch();
                List<StoredBinding> toInsert = new ArrayList<>(added);
                List<StoredBinding> refreshedInOrder = List.copyOf(refreshed);
                for (StoredBinding binding : refreshedInOrder) {
                    bind(update, binding);
                    update.addBatch();
                }
                int[] updated = update.executeBatch();
                for (int i = 0; i < updated.length; i++) {
                    if (updated[i] == 0) {
                        toInsert.add(refreshedInOrder.get(i)); // not there to refresh: saved anew rather than lost
                    }
                }
                for (StoredBinding binding : toInsert) {
                    bind(insert, binding);
                    insert.addBatch();
                }
                insert.executeBatch();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            database.failed(e);
            throw new StoreException(StoreFailure.STORE_DAMAGED, "cannot save registrations: " + e.getMessage(), e);
        }
    }

    /** Sets INSERT's and UPDATE's parameters, numbered alike. */
    private static void bind(PreparedStatement insert, StoredBinding binding) throws SQLException {
        insert.setString(1, binding.aorKey());
        insert.setString(2, binding.contact());
        insert.setTimestamp(3, Timestamp.from(binding.expiresAt()));
        insert.setString(4, binding.callId());
        insert.setLong(5, binding.cseq());
        if (binding.path() == null) {
            insert.setNull(6, Types.VARCHAR);
        } else {
            insert.setString(6, binding.path());
        }
        insert.setString(7, binding.flowTransport());
        insert.setString(8, binding.flowAddress());
        insert.setInt(9, binding.flowPort());
    }

    /** The saved bindings that have not expired at {@code now}; expired ones are deleted. */
    public List<StoredBinding> loadUnexpired(Instant now) {
        try (Connection connection = database.connection()) {
            try (PreparedStatement purge = connection.prepareStatement("DELETE FROM registration_binding WHERE expires_at <= ?")) {
                purge.setTimestamp(1, Timestamp.from(now));
                purge.executeUpdate();
            }
            List<StoredBinding> bindings = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT aor_key, contact, expires_at, call_id, cseq, "
                    + "path, flow_transport, flow_address, flow_port FROM registration_binding ORDER BY binding_id");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    bindings.add(new StoredBinding(rows.getString(1), rows.getString(2), rows.getTimestamp(3).toInstant(),
                            rows.getString(4), rows.getLong(5), rows.getString(6), rows.getString(7), rows.getString(8),
                            rows.getInt(9)));
                }
            }
            return bindings;
        } catch (SQLException e) {
            throw new StoreException(StoreFailure.STORE_DAMAGED, "cannot load registrations: " + e.getMessage(), e);
        }
    }
}
