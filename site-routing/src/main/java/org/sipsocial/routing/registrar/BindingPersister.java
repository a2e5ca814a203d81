package org.sipsocial.routing.registrar;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
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
 */
public final class BindingPersister {
    private static final Logger LOG = LoggerFactory.getLogger(BindingPersister.class);

    private final StoredBindings store;
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
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

    /** Writes every AOR changed since the last flush. */
    public synchronized void flush() {
        if (dirty.isEmpty() || location == null) {
            return;
        }
        Map<String, List<StoredBinding>> batch = new LinkedHashMap<>();
        for (String aorKey : List.copyOf(dirty)) {
            dirty.remove(aorKey);
            batch.put(aorKey, location.snapshot(aorKey).stream().map(b -> toStored(aorKey, b)).collect(Collectors.toList()));
        }
        store.replace(batch);
    }

    /** Puts the unexpired saved bindings back into {@code location}; returns how many. */
    public int restore(LocationService into, Instant now) {
        Map<String, List<Binding>> byAor = new LinkedHashMap<>();
        for (StoredBinding stored : store.loadUnexpired(now)) {
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
