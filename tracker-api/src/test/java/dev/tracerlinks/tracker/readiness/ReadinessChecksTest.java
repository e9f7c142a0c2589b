package dev.tracerlinks.tracker.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracerlinks.model.Json;
import dev.tracerlinks.model.Readiness;
import dev.tracerlinks.model.ReadinessCheck;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The address rules and the DNS step, with a resolver that answers what each case needs. */
class ReadinessChecksTest {

    @ParameterizedTest
    @CsvSource(nullValues = "public", value = {
            "127.0.0.1, loopback",
            "127.8.9.10, loopback",
            "0.0.0.0, unspecified",
            "10.1.2.3, private",
            "172.16.0.1, private",
            "172.31.255.255, private",
            "192.168.1.1, private",
            "169.254.169.254, link-local",
            "100.64.0.1, carrier-grade NAT",
            "100.127.255.255, carrier-grade NAT",
            "100.128.0.1, public",
            "172.32.0.1, public",
            "8.8.8.8, public",
            "::1, loopback",
            "fe80::1, link-local",
            "fd12:3456::1, private IPv6",
            "fc00::1, private IPv6",
            "::ffff:10.0.0.1, private",
            "2a00:1450:4001::1, public",
            "0.1.2.3, unspecified",
            "240.0.0.1, reserved",
            "255.255.255.255, reserved",
            "198.18.0.1, benchmarking",
            "198.19.255.1, benchmarking",
            "198.20.0.1, public",
            "192.0.0.8, IETF protocol assignments",
            "192.0.2.10, documentation",
            "203.0.113.7, documentation",
            "2001:db8::1, documentation",
    })
    void addresses_that_recruiters_cannot_reach_are_named(String address, String kind) throws UnknownHostException {
        assertThat(ReadinessChecks.nonPublicKind(InetAddress.getByName(address))).isEqualTo(kind);
    }

    @Test
    void a_host_that_does_not_resolve_fails_dns_and_skips_the_rest() {
        Readiness readiness = checks("https://t.example.invalid", false, host -> {
            throw new UnknownHostException(host);
        }).verify();
        Map<String, ReadinessCheck> byName = byName(readiness);
        assertThat(readiness.status()).isEqualTo("not_ready");
        assertThat(byName.get("base_url").passed()).isTrue();
        assertThat(byName.get("dns").reason()).contains("does not resolve");
        assertThat(byName.get("public_address").reason()).isEqualTo("Skipped because dns failed.");
        assertThat(byName.get("probe_redirect").passed()).isFalse();
    }

    @Test
    void a_private_address_fails_unless_the_development_flag_allows_it() throws UnknownHostException {
        InetAddress internal = InetAddress.getByName("10.0.0.7");
        ReadinessCheck refused = byName(checks("https://t.corp.example", false, host -> List.of(internal)).verify()).get("public_address");
        assertThat(refused.passed()).isFalse();
        assertThat(refused.reason()).contains("10.0.0.7 (private)").contains("TRACER_ALLOW_PRIVATE_BASE_URL=true");

        ReadinessCheck allowed = byName(checks("https://t.corp.example", true, host -> List.of(internal)).verify()).get("public_address");
        assertThat(allowed.passed()).isTrue();
    }

    @Test
    void one_private_address_among_public_ones_still_fails() throws UnknownHostException {
        List<InetAddress> mixed = List.of(InetAddress.getByName("93.184.215.14"), InetAddress.getByName("192.168.0.2"));
        ReadinessCheck check = byName(checks("https://t.example.com", false, host -> mixed).verify()).get("public_address");
        assertThat(check.passed()).isFalse();
        assertThat(check.reason()).contains("192.168.0.2 (private)").doesNotContain("93.184.215.14 (");
    }

    @Test
    void a_base_url_with_a_query_fails_first() {
        Readiness readiness = checks("https://t.example.com?x=1", true, host -> List.of()).verify();
        assertThat(byName(readiness).get("base_url").passed()).isFalse();
        assertThat(byName(readiness).get("dns").reason()).contains("Skipped");
    }

    /** Checks whose HTTP steps hit an address nothing listens on; these tests stop before the probe link. */
    private static ReadinessChecks checks(String baseUrl, boolean allowPrivate, HostResolver resolver) {
        return new ReadinessChecks(URI.create(baseUrl), allowPrivate, resolver, HttpProbe.jdk(Duration.ofSeconds(2)),
                null, Json.newMapper(), Clock.systemUTC());
    }

    private static Map<String, ReadinessCheck> byName(Readiness readiness) {
        return readiness.checks().stream().collect(Collectors.toMap(ReadinessCheck::name, check -> check));
    }
}
