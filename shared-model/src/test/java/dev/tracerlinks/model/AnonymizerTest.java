package dev.tracerlinks.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AnonymizerTest {

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "203.0.113.77                             | 203.0.113.0/24",
        "192.168.1.100                            | 192.168.1.0/24",
        "0.0.0.0                                  | 0.0.0.0/24",
        "2001:db8:85a3:8d3:1319:8a2e:370:7348     | 2001:db8:85a3::/48",
        "2001:0db8:0001:0002:0000:0000:0000:0005  | 2001:db8:1::/48",
        "2001:db8::1                              | 2001:db8::/48",
        "2001:db8:0:ffff::1                       | 2001:db8::/48",
        "2001::5:0:0:1                            | 2001::/48",
        "2001:db8:0:1::                           | 2001:db8::/48",
        "2001:0:7::                               | 2001:0:7::/48",
        "::1                                      | 0::/48",
        "::                                       | 0::/48",
        "fe80::1%eth0                             | fe80::/48",
        "[2001:db8:aa::1]                         | 2001:db8:aa::/48",
        "::ffff:198.51.100.9                      | 198.51.100.0/24",
        "0:0:0:0:0:ffff:198.51.100.9              | 198.51.100.0/24",
        "64:ff9b::192.0.2.33                      | 64:ff9b::/48",
        "2002:cb00:714d::1                        | 203.0.113.0/24",
        "2002:c633:6401:1::5                      | 198.51.100.0/24",
    })
    void addresses_are_cut_to_their_network_prefix(String address, String prefix) {
        assertThat(Anonymizer.ipPrefix(address)).contains(prefix);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "256.1.1.1", "1.2.3", "1.2.3.4.5", "01234.1.1.1", "2001:db8::1::2",
        "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::1", "gggg::1", "example.com", "::ffff:1.2.3", " ", "1.2.3.4.", ".1.2.3",
        "1..2.3", "1.2.3.-4", "1.2.3.4a", "１.2.3.4"})
    void anything_else_has_no_prefix(String text) {
        assertThat(Anonymizer.ipPrefix(text)).isEmpty();
    }

    @Test
    void visitor_hashes_depend_on_salt_and_identity_but_not_on_address_spelling() {
        String a = Anonymizer.addressIdentity("2001:db8::1", "UA").orElseThrow();
        String b = Anonymizer.addressIdentity("2001:0db8:0:0:0:0:0:1", "UA").orElseThrow();
        assertThat(a).isEqualTo(b);
        String hash = Anonymizer.visitorHash("salt-1", a);
        assertThat(hash).hasSize(32).matches("[0-9a-f]+").isEqualTo(Anonymizer.visitorHash("salt-1", b));
        assertThat(Anonymizer.visitorHash("salt-2", a)).isNotEqualTo(hash);
        assertThat(Anonymizer.visitorHash("salt-1", Anonymizer.addressIdentity("2001:db8::1", "Other").orElseThrow()))
                .isNotEqualTo(hash);
        assertThat(hash).doesNotContain("2001").doesNotContain("db8");
    }

    @Test
    void dnt_or_gpc_opts_out() {
        assertThat(Anonymizer.optedOut("1", null)).isTrue();
        assertThat(Anonymizer.optedOut(null, " 1")).isTrue();
        assertThat(Anonymizer.optedOut("0", null)).isFalse();
        assertThat(Anonymizer.optedOut(null, null)).isFalse();
    }
}
