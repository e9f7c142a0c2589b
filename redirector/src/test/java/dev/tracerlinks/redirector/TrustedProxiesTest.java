package dev.tracerlinks.redirector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TrustedProxiesTest {
    private final TrustedProxies proxies = TrustedProxies.parse("10.0.0.0/8, 192.168.1.5, 2001:db8:ff::/48");

    @ParameterizedTest(name = "[{index}] peer {0}, X-Forwarded-For \"{1}\" -> {2}")
    @CsvSource(delimiter = '|', value = {
        "203.0.113.9      | 198.51.100.7                       | 203.0.113.9",
        "10.1.2.3         |                                    | 10.1.2.3",
        "10.1.2.3         | 198.51.100.7                       | 198.51.100.7",
        "10.1.2.3         | 6.6.6.6, 198.51.100.7              | 198.51.100.7",
        "10.1.2.3         | 198.51.100.7, 10.9.9.9             | 198.51.100.7",
        "10.1.2.3         | 198.51.100.7, 10.9.9.9, 192.168.1.5 | 198.51.100.7",
        "192.168.1.5      | 2001:db8:1::7                      | 2001:db8:1::7",
        "192.168.1.6      | 198.51.100.7                       | 192.168.1.6",
        "2001:db8:ff::1   | 198.51.100.7                       | 198.51.100.7",
        "2001:db8:fe::1   | 198.51.100.7                       | 2001:db8:fe::1",
        "10.1.2.3         | not-an-ip, 198.51.100.7            | 198.51.100.7",
        "10.1.2.3         | 198.51.100.7, not-an-ip            | 10.1.2.3",
        "10.1.2.3         | 10.9.9.9                           | 10.1.2.3",
        "10.1.2.3         | 198.51.100.7:51234                 | 198.51.100.7",
        "10.1.2.3         | [2001:db8:1::7]:443                | 2001:db8:1::7",
        "10.1.2.3         | 6.6.6.6,203.0.113.9                | 203.0.113.9",
    })
    void the_client_is_the_rightmost_untrusted_hop_behind_a_trusted_peer(String peer, String forwardedFor, String client) {
        assertThat(proxies.clientAddress(peer, forwardedFor)).isEqualTo(client);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "example.com", "10.0.0.0/x", "::/129"})
    void bad_settings_are_refused_at_start_up(String setting) {
        assertThatThrownBy(() -> TrustedProxies.parse(setting)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("REDIRECTOR_TRUSTED_PROXIES");
    }

    @org.junit.jupiter.api.Test
    void with_no_trusted_proxies_the_header_is_ignored() {
        assertThat(TrustedProxies.parse("").clientAddress("10.1.2.3", "198.51.100.7")).isEqualTo("10.1.2.3");
    }
}
