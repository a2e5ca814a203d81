package org.sipsocial.routing.registrar;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Where the site's users can be reached: the bindings of each AOR, in memory for speed (RFC 3261 §10.3's
 * location service). Every change is reported to a listener, which saves it (see {@link BindingPersister}).
 * AORs are keyed by the lower-case user name.
 */
public final class LocationService {
    private final Map<String, List<Binding>> bindings = new ConcurrentHashMap<>();
    /** How many bindings were registered from each source address: the addresses of registered phones. */
    private final Map<java.net.InetAddress, Integer> registeredFrom = new ConcurrentHashMap<>();
    private final Consumer<String> changed;

    /** @param changed told the AOR key after each change, to save it */
    public LocationService(Consumer<String> changed) {
        this.changed = changed;
    }

    /** The unexpired bindings of {@code aorKey}, highest q first (RFC 3261 §16.6 order for forking). */
    public List<Binding> lookup(String aorKey, Instant now) {
        List<Binding> current = bindings.getOrDefault(aorKey, List.of());
        List<Binding> live = new ArrayList<>(current.size());
        for (Binding binding : current) {
            if (!binding.isExpiredAt(now)) {
                live.add(binding);
            }
        }
        live.sort(Comparator.comparingDouble(Binding::q).reversed());
        return live;
    }

    /**
     * Changes the bindings of one AOR atomically: {@code update} gets the current list (expired ones dropped)
     * and returns the new list, or throws to abort with no change.
     */
    public List<Binding> update(String aorKey, Instant now, UnaryOperator<List<Binding>> update) {
        List<Binding> result = bindings.compute(aorKey, (key, current) -> {
            List<Binding> live = new ArrayList<>();
            if (current != null) {
                for (Binding binding : current) {
                    if (!binding.isExpiredAt(now)) {
                        live.add(binding);
                    }
                }
            }
            List<Binding> next = List.copyOf(update.apply(live));
            count(current, -1);
            count(next, 1);
            return next.isEmpty() ? null : next;
        });
        changed.accept(aorKey);
        return result == null ? List.of() : result;
    }

    /** Every AOR's unexpired bindings, by AOR key: what the console's Live page shows of registered phones. */
    public Map<String, List<Binding>> registered(Instant now) {
        Map<String, List<Binding>> all = new java.util.TreeMap<>();
        for (String aorKey : bindings.keySet()) {
            List<Binding> live = lookup(aorKey, now);
            if (!live.isEmpty()) {
                all.put(aorKey, live);
            }
        }
        return all;
    }

    /** All current bindings of {@code aorKey}, expired or not, for saving. */
    public List<Binding> snapshot(String aorKey) {
        return bindings.getOrDefault(aorKey, List.of());
    }

    /** Loads saved bindings at start-up, without reporting them as changes. */
    public void restore(String aorKey, List<Binding> saved) {
        if (!saved.isEmpty()) {
            count(bindings.put(aorKey, List.copyOf(saved)), -1);
            count(saved, 1);
        }
    }

    /** Drops every binding of {@code aorKey} (its user was removed). */
    public void remove(String aorKey) {
        List<Binding> removed = bindings.remove(aorKey);
        if (removed != null) {
            count(removed, -1);
            changed.accept(aorKey);
        }
    }

    /**
     * RFC 5626 §5.3: a flow that failed (sending on it did) is gone, and with it every binding registered over it;
     * the phone re-registers over a new flow. Returns how many bindings went.
     */
    public int dropFlow(Flow flow, Instant now) {
        int dropped = 0;
        for (String aorKey : List.copyOf(bindings.keySet())) {
            List<Binding> current = bindings.getOrDefault(aorKey, List.of());
            if (current.stream().anyMatch(binding -> binding.flow().equals(flow))) {
                int before = current.size();
                int after = update(aorKey, now, live -> live.stream().filter(binding -> !binding.flow().equals(flow)).toList()).size();
                dropped += Math.max(0, before - after);
            }
        }
        return dropped;
    }

    /**
     * Whether a phone registered from {@code address} (its flow's source): such an address has the higher, trusted
     * flood limit. A binding counts until its AOR next changes, even past its expiry. Cheap: asked per message.
     */
    public boolean isRegisteredAddress(java.net.InetAddress address) {
        return registeredFrom.containsKey(address);
    }

    private void count(List<Binding> list, int delta) {
        if (list == null) {
            return;
        }
        for (Binding binding : list) {
            java.net.InetSocketAddress remote = binding.flow().remote();
            if (remote != null && remote.getAddress() != null) {
                registeredFrom.compute(remote.getAddress(), (a, n) -> {
                    int next = (n == null ? 0 : n) + delta;
                    return next <= 0 ? null : next;
                });
            }
        }
    }

    public int aorCount() {
        return bindings.size();
    }

    /** How many contacts are registered in all (at most the registrar's contacts per AOR times the AORs). */
    public int contactCount() {
        return registeredFrom.values().stream().mapToInt(Integer::intValue).sum();
    }
}
