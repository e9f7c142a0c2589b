package dev.tracerlinks.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetworkAddressesTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "public", value = {
        "127.0.0.1             | loopback",
        "[::1]                 | loopback",
        "169.254.169.254       | link-local",
        "[fe80::1]             | link-local",
        "10.1.2.3              | private",
        "172.16.0.1            | private",
        "172.31.255.255        | private",
        "192.168.1.1           | private",
        "[fd00::1]             | private IPv6",
        "[::ffff:127.0.0.1]    | loopback",
        "[::ffff:10.0.0.1]     | private",
        "[2002:c0a8:0101::1]   | private",
        "[64:ff9b::a9fe:a9fe]  | link-local",
        "0.0.0.0               | unspecified",
        "[::]                  | unspecified",
        "100.64.0.1            | carrier-grade NAT",
        "224.0.0.1             | multicast",
        "255.255.255.255       | reserved",
        "2130706433            | loopback",
        "0x7f000001            | loopback",
        "0x7f.1                | loopback",
        "127.1                 | loopback",
        "0177.0.0.1            | loopback",
        "017700000001          | loopback",
        "0xa9.0xfe.0xa9.0xfe   | link-local",
        "10.1                  | private",
        "127.0.0.1.            | loopback",
        "8.8.8.8               | public",
        "140.82.121.4          | public",
        "172.32.0.1            | public",
        "[2606:4700::1111]     | public",
        "1.1                   | public",
    })
    void addresses_in_every_form_browsers_read(String host, String kind) {
        byte[] address = NetworkAddresses.urlHostAddress(host);
        assertThat(address).as(host).isNotNull();
        assertThat(NetworkAddresses.nonPublicKind(address)).isEqualTo(kind);
    }

    @ParameterizedTest(name = "{0} is a name")
    @CsvSource({"github.com", "1.2.3.4.5", "256.1.1.1.example", "0x7g.1", "example.123a", "1.2.3.256a"})
    void names_are_not_addresses(String host) {
        assertThat(NetworkAddresses.urlHostAddress(host)).isNull();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "public", value = {
        "localhost                  | loopback",
        "LOCALHOST.                 | loopback",
        "app.localhost              | loopback",
        "printer.local              | a local network name",
        "metadata.google.internal   | a local network name",
        "nas.home.arpa              | a local network name",
        "intranet                   | a name without a domain",
        "github.com                 | public",
        "jane.dev                   | public",
        "local.example.com          | public",
    })
    void names_reserved_for_local_networks(String host, String kind) {
        assertThat(NetworkAddresses.localNameKind(host)).isEqualTo(kind);
    }
}
