package dev.tracerlinks.tracker.readiness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tracerlinks.model.NetworkAddresses;
import dev.tracerlinks.model.LinkData;
import dev.tracerlinks.model.Readiness;
import dev.tracerlinks.model.ReadinessCheck;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * DESIGN.md's readiness: tracer links may only be switched on when a recruiter's click can reach
 * a redirector fed by this tracker-api. Each check says what it found; a check whose precondition
 * failed says it was skipped.
 */
public final class ReadinessChecks {
    private final URI baseUrl;
    private final boolean allowPrivate;
    private final HostResolver resolver;
    private final HttpProbe probe;
    private final ProbeLinks probeLinks;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final AtomicReference<Readiness> latest = new AtomicReference<>();

    public ReadinessChecks(URI baseUrl, boolean allowPrivate, HostResolver resolver, HttpProbe probe, ProbeLinks probeLinks,
                           ObjectMapper mapper, Clock clock) {
        this.baseUrl = baseUrl;
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
        this.probe = probe;
        this.probeLinks = probeLinks;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** The last result, or a fresh one if the checks never ran in this process. */
    public Readiness latest() {
        Readiness last = latest.get();
        return last != null ? last : verify();
    }

    /** Runs every check now. */
    public synchronized Readiness verify() {
        List<ReadinessCheck> checks = new ArrayList<>();
        ReadinessCheck base = baseUrlCheck();
        checks.add(base);
        List<InetAddress> addresses = List.of();
        ReadinessCheck dns;
        if (!base.passed()) {
            dns = skipped("dns", "base_url");
        } else {
            try {
                addresses = resolver.resolve(baseUrl.getHost());
                dns = addresses.isEmpty() ? fail("dns", baseUrl.getHost() + " resolves to no address.")
                        : pass("dns", baseUrl.getHost() + " resolves to " + addresses.stream().map(InetAddress::getHostAddress)
                                .collect(Collectors.joining(", ")) + ".");
            } catch (UnknownHostException e) {
                dns = fail("dns", baseUrl.getHost() + " does not resolve in DNS; recruiters' browsers could not find it.");
            }
        }
        checks.add(dns);
        ReadinessCheck address = dns.passed() ? addressCheck(addresses) : skipped("public_address", "dns");
        checks.add(address);
        ReadinessCheck health = address.passed() ? healthCheck() : skipped("redirector_health", "public_address");
        checks.add(health);
        checks.add(health.passed() ? probeCheck() : skipped("probe_redirect", "redirector_health"));
        boolean ready = checks.stream().allMatch(ReadinessCheck::passed);
        Readiness result = new Readiness(ready ? "ready" : "not_ready", baseUrl.toString(), clock.instant(), List.copyOf(checks));
        latest.set(result);
        return result;
    }

    private ReadinessCheck baseUrlCheck() {
        if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null || baseUrl.getRawUserInfo() != null) {
            return fail("base_url", "TRACER_PUBLIC_BASE_URL " + baseUrl + " must be a plain http(s) URL without user, query or fragment.");
        }
        String note = "https".equals(baseUrl.getScheme()) ? "" : " It uses plain http, which browsers and mail scanners may flag; prefer https.";
        return pass("base_url", "TRACER_PUBLIC_BASE_URL is " + baseUrl + "; links look like " + baseUrl + "/cv/<token>." + note);
    }

    private ReadinessCheck addressCheck(List<InetAddress> addresses) {
        List<String> unreachable = new ArrayList<>();
        for (InetAddress address : addresses) {
            String kind = nonPublicKind(address);
            if (kind != null) {
                unreachable.add(address.getHostAddress() + " (" + kind + ")");
            }
        }
        if (unreachable.isEmpty()) {
            return pass("public_address", "Every address of " + baseUrl.getHost() + " is public.");
        }
        String found = baseUrl.getHost() + " resolves to " + String.join(", ", unreachable);
        if (allowPrivate) {
            return pass("public_address", found + "; allowed because TRACER_ALLOW_PRIVATE_BASE_URL=true (development only).");
        }
        return fail("public_address", found + ", which recruiters outside this network cannot reach."
                + " Use a public host, or set TRACER_ALLOW_PRIVATE_BASE_URL=true for development.");
    }

    /** Why an address cannot be reached from the internet, or null when it can. */
    static String nonPublicKind(InetAddress address) {
        return NetworkAddresses.nonPublicKind(address.getAddress());
    }

    private ReadinessCheck healthCheck() {
        URI health = URI.create(baseUrl + "/health");
        try {
            HttpProbe.Answer answer = probe.fetch("GET", health);
            if (answer.status() != 200) {
                return fail("redirector_health", health + " answered " + answer.status() + "; expected 200 from a Tracer Links redirector.");
            }
            JsonNode body = parse(answer.body());
            if (body == null || !"redirector".equals(body.path("service").asText())) {
                return fail("redirector_health", health + " answered 200, but not as a Tracer Links redirector (no \"service\": \"redirector\").");
            }
            return pass("redirector_health", health + " answers as a Tracer Links redirector.");
        } catch (IOException e) {
            return fail("redirector_health", health + " could not be fetched: " + describe(e) + ".");
        }
    }

    private ReadinessCheck probeCheck() {
        LinkData link = probeLinks.issue();
        URI uri = URI.create(link.redirectUrl());
        try {
            HttpProbe.Answer answer = probe.fetch("HEAD", uri);
            if (answer.status() == 302 && link.originalUrl().equals(answer.location())) {
                return pass("probe_redirect", uri + " redirects (302) to the probe's destination.");
            }
            String hint = answer.status() == 404
                    ? " The redirector there does not know this tracker-api's links: check its TRACKER_API_URL and TRACKER_API_KEY."
                    : "";
            return fail("probe_redirect", uri + " answered " + answer.status()
                    + (answer.location() == null ? "" : " to " + answer.location()) + "; expected 302 to " + link.originalUrl() + "." + hint);
        } catch (IOException e) {
            return fail("probe_redirect", uri + " could not be fetched: " + describe(e) + ".");
        }
    }

    private JsonNode parse(String body) {
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " (" + message + ")");
    }

    private static ReadinessCheck pass(String name, String reason) {
        return new ReadinessCheck(name, true, reason);
    }

    private static ReadinessCheck fail(String name, String reason) {
        return new ReadinessCheck(name, false, reason);
    }

    private static ReadinessCheck skipped(String name, String failedCheck) {
        return new ReadinessCheck(name, false, "Skipped because " + failedCheck + " failed.");
    }
}
