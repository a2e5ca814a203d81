package org.sipsocial.routing.registrar;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.sipsocial.sip.message.SipSyntaxException;
import org.sipsocial.sip.message.header.NameAddress;
import org.sipsocial.store.StoredBinding;
import org.sipsocial.store.StoredBindings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves registrations behind the registrar's back: changed AORs are marked dirty and written in batches by
 * {@link #flush()}, which the running site calls every few hundred milliseconds and once more on shutdown.
 * A REGISTER is answered from memory without waiting for the disk; a crash loses at most the last batch,
 * and the phones re-register.
 *
 * <p>Only what changed is written: the persister remembers what the store holds for each AOR and writes the
 * bindings added, refreshed (rewritten in place) or removed since, not all of an AOR's contacts again (a busy AOR has up to
 * {@link RegistrarPolicy#maxBindingsPerAor()}). A batch the store refuses (a full disk, a read-only home) is
 * rolled back and its AORs stay dirty, so the next flush tries them again: nothing is dropped from memory.
 */
public final class BindingPersister {
    private static final Logger LOG = LoggerFactory.getLogger(BindingPersister.class);

    private final StoredBindings store;
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    /** What the store holds, per AOR and Contact; read and written under this object's lock. */
    private final Map<String, Map<String, StoredBinding>> saved = new HashMap<>();
    private volatile LocationService location;

    public BindingPersister(StoredBindings store) {
        this.store = store;
    }

    /** The location service whose changes are saved (it reports them to {@link #changed(String)}). */
    public void bind(LocationService locationService) {
        this.location = locationService;
    }

    public void changed(String aorKey) {
        dirty.add(aorKey);
    }

    /** How many AORs have changes not yet written. */
    public int unsaved() {
        return dirty.size();
    }

    /**
     * Writes what changed in every AOR marked since the last flush, in one transaction; when the store refuses it,
     * the AORs stay marked and the {@link org.sipsocial.store.StoreException} is thrown.
     */
    public synchronized void flush() {
        if (dirty.isEmpty() || location == null) {
            return;
        }
        List<String> keys = List.copyOf(dirty);
        dirty.removeAll(keys);
        Map<String, Map<String, StoredBinding>> written = new LinkedHashMap<>();
        List<StoredBinding> gone = new ArrayList<>();
        List<StoredBinding> refreshed = new ArrayList<>();
        List<StoredBinding> added = new ArrayList<>();
        for (String aorKey : keys) {
            Map<String, StoredBinding> current = new LinkedHashMap<>();
            for (Binding binding : location.snapshot(aorKey)) {
                StoredBinding stored = toStored(aorKey, binding);
                current.put(stored.contact(), stored);
            }
            Map<String, StoredBinding> before = saved.getOrDefault(aorKey, Map.of());
            before.forEach((contact, old) -> {
                if (!current.containsKey(contact)) gone.add(old);
            });
            current.forEach((contact, now) -> {
                StoredBinding old = before.get(contact);
                if (old == null) {
                    added.add(now);
                } else if (!now.equals(old)) {
                    refreshed.add(now);
                }
            });
            written.put(aorKey, current);
        }
        try {
            store.apply(gone, refreshed, added);
        } catch (RuntimeException e) {
            dirty.addAll(keys);
            throw e;
        }
        written.forEach((aorKey, current) -> {
            if (current.isEmpty()) {
                saved.remove(aorKey);
            } else {
                saved.put(aorKey, current);
            }
        });
    }

    /** Puts the unexpired saved bindings back into {@code location}; returns how many. */
    public synchronized int restore(LocationService into, Instant now) {
        Map<String, List<Binding>> byAor = new LinkedHashMap<>();
        for (StoredBinding stored : store.loadUnexpired(now)) {
            saved.computeIfAbsent(stored.aorKey(), key -> new LinkedHashMap<>()).put(stored.contact(), stored);
            try {
                byAor.computeIfAbsent(stored.aorKey(), key -> new ArrayList<>()).add(fromStored(stored));
            } catch (SipSyntaxException | IllegalArgumentException e) {
                LOG.warn("skipping an unreadable saved registration of {}: {}", stored.aorKey(), e.getMessage());
            }
        }
        byAor.forEach(into::restore);
        return byAor.values().stream().mapToInt(List::size).sum();
    }

    static StoredBinding toStored(String aorKey, Binding binding) {
        String path = binding.path().isEmpty() ? null
                : binding.path().stream().map(NameAddress::toString).collect(Collectors.joining(", "));
        InetSocketAddress remote = binding.flow().remote();
        return new StoredBinding(aorKey, binding.contact().toString(), binding.expiresAt(), binding.callId(), binding.cseq(),
                path, binding.flow().transport(), remote.getAddress().getHostAddress(), remote.getPort());
    }

    static Binding fromStored(StoredBinding stored) {
        List<NameAddress> path = stored.path() == null ? List.of() : NameAddress.parseList(stored.path());
        Flow flow = new Flow(stored.flowTransport(), new InetSocketAddress(stored.flowAddress(), stored.flowPort()));
        return new Binding(NameAddress.parse(stored.contact()), stored.expiresAt(), stored.callId(), stored.cseq(), path, flow);
    }
}
