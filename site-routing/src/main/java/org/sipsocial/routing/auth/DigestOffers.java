package org.sipsocial.routing.auth;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.sipsocial.sip.message.SipRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which digest algorithms to challenge each phone with, so that every phone registers on the defaults and every
 * phone that can answer SHA-256 uses it.
 *
 * <p>RFC 8760 §2.4 has a server send one challenge per algorithm, most preferred first, and the phone answer
 * the first it supports. Phones in the field do not all do that: baresip 1.0 gives up ("Function not
 * implemented") as soon as any offered algorithm is not MD5, and SIPp 3.6 fails unless the first challenge is
 * MD5. So the site remembers, per {@link PhoneDevice}, what its phone can do:
 * <ol>
 * <li>a phone that has answered a challenge is offered the algorithm it answered with, alone;</li>
 * <li>a phone whose User-Agent names a product known to answer MD5 only ({@link #MD5_ONLY_AGENTS}) is offered
 *     MD5 alone;</li>
 * <li>a phone that was offered SHA-256 and came back in the same Call-ID without answering (baresip retries
 *     its REGISTER in the same Call-ID) is offered MD5 alone from then on;</li>
 * <li>any other phone is offered the site's list ({@code digest-algorithms}, SHA-256 then MD5 by default).</li>
 * </ol>
 * The site always accepts an answer in any algorithm of its list; only the challenges differ. Each phone that
 * is offered MD5 alone, and each phone the site's list cannot serve, is logged once with its user, its
 * User-Agent and what to change. The memory lives in RAM, at most {@link #MAX_DEVICES} phones, least recently
 * seen forgotten first; a restarted site learns again. Authentications are counted per algorithm in
 * {@code sipsocial.auth.successes}.
 */
public final class DigestOffers {
    private static final Logger LOG = LoggerFactory.getLogger(DigestOffers.class);

    /** User-Agent prefixes (case-insensitive) of products that cannot answer a challenge list naming SHA-256. */
    static final List<String> MD5_ONLY_AGENTS = List.of("baresip v0.", "baresip v1.", "sipp");
    /** Phones remembered at most (an unauthenticated request makes an entry too: the bound keeps scanners small). */
    public static final int MAX_DEVICES = 10_000;

    private static final class Memory {
        DigestAlgorithm answered;
        boolean md5Only;
        String challengedCallId;
        boolean told;
    }

    private final List<DigestAlgorithm> siteAlgorithms;
    private final Map<PhoneDevice, Memory> devices = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<PhoneDevice, Memory> eldest) {
            return size() > MAX_DEVICES;
        }
    };
    private final Map<DigestAlgorithm, Counter> successes = new EnumMap<>(DigestAlgorithm.class);

    /** @param siteAlgorithms the site's {@code digest-algorithms}, most preferred first */
    public DigestOffers(List<DigestAlgorithm> siteAlgorithms, MeterRegistry metrics) {
        if (siteAlgorithms.isEmpty()) {
            throw new IllegalArgumentException("offer at least one digest algorithm");
        }
        this.siteAlgorithms = List.copyOf(siteAlgorithms);
        for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
            successes.put(algorithm, metrics.counter("sipsocial.auth.successes", "algorithm", algorithm.token()));
        }
    }

    /** Every algorithm an answer may use: the site's list. */
    public List<DigestAlgorithm> siteAlgorithms() {
        return siteAlgorithms;
    }

    /** The algorithms to challenge {@code request}'s phone with, most preferred first; the challenge is remembered. */
    public synchronized List<DigestAlgorithm> challengeFor(SipRequest request) {
        PhoneDevice device = PhoneDevice.of(request);
        Memory memory = devices.computeIfAbsent(device, d -> new Memory());
        boolean md5Only = memory.answered == null && (memory.md5Only || knownMd5Only(device));
        List<DigestAlgorithm> wanted = memory.answered != null ? List.of(memory.answered)
                : md5Only ? List.of(DigestAlgorithm.MD5) : siteAlgorithms;
        List<DigestAlgorithm> offer = new ArrayList<>(wanted);
        offer.retainAll(siteAlgorithms);
        if (offer.isEmpty()) {
            offer = siteAlgorithms;
            tellOnce(memory, device, "answers only " + wanted.get(0).token() + " but this site's digest-algorithms are "
                    + tokens(siteAlgorithms) + ": add " + wanted.get(0).token() + " to digest-algorithms in site.properties, "
                    + "or give the user a phone that answers " + tokens(siteAlgorithms));
        } else if (md5Only) {
            tellOnce(memory, device, "cannot answer SHA-256 digest challenges (RFC 8760): it is challenged with MD5 alone. "
                    + "MD5 is acceptable on a LAN with the long random passwords `user add` makes; register the phone over "
                    + "TLS to keep even that off the network, or update it to a version that answers SHA-256");
        }
        memory.challengedCallId = offer.stream().anyMatch(a -> a != DigestAlgorithm.MD5) ? request.callId() : null;
        return List.copyOf(offer);
    }

    /**
     * {@code request} carries no credentials for this site: if its phone was offered SHA-256 in this same Call-ID
     * and never answered, it could not, and it is offered MD5 alone from now on.
     */
    public synchronized void arrivedWithoutCredentials(SipRequest request) {
        PhoneDevice device = PhoneDevice.of(request);
        Memory memory = devices.get(device);
        if (memory == null || memory.answered != null || memory.challengedCallId == null
                || !memory.challengedCallId.equals(request.callId())) {
            return;
        }
        memory.md5Only = true;
        memory.challengedCallId = null;
        String unanswered = "did not answer a challenge offering " + tokens(siteAlgorithms) + " and asked again, as phones "
                + "do that give up when any offered algorithm is not MD5 (baresip 1.0): ";
        tellOnce(memory, device, unanswered + (siteAlgorithms.contains(DigestAlgorithm.MD5)
                ? "it is challenged with MD5 alone from now on. If it still does not register, check its password; to use "
                        + "SHA-256, update the phone"
                : "add MD5 to digest-algorithms in site.properties, or give the user a phone that answers SHA-256"));
    }

    /** {@code request}'s phone answered a challenge with {@code algorithm}: it is offered that one from now on. */
    public synchronized void authenticated(SipRequest request, DigestAlgorithm algorithm) {
        Memory memory = devices.computeIfAbsent(PhoneDevice.of(request), d -> new Memory());
        memory.answered = algorithm;
        memory.challengedCallId = null;
        successes.get(algorithm).increment();
    }

    /** The algorithm {@code device} last authenticated with, if the site remembers it. */
    public synchronized Optional<DigestAlgorithm> answeredBy(PhoneDevice device) {
        Memory memory = devices.get(device);
        return Optional.ofNullable(memory == null ? null : memory.answered);
    }

    static boolean knownMd5Only(PhoneDevice device) {
        String agent = device.userAgent().toLowerCase(Locale.ROOT);
        return MD5_ONLY_AGENTS.stream().anyMatch(agent::startsWith);
    }

    private static void tellOnce(Memory memory, PhoneDevice device, String what) {
        if (!memory.told) {
            memory.told = true;
            LOG.warn("{} {}", device.describe(), what);
        }
    }

    private static String tokens(List<DigestAlgorithm> algorithms) {
        return String.join(",", algorithms.stream().map(DigestAlgorithm::token).toList());
    }
}
