package dev.tracerlinks.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DestinationUrlsTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "https://github.com/jane",
        "http://example.com",
        "HTTPS://LinkedIn.com/in/jane-doe/",
        "https://jobs.example.com/apply?id=7&ref=cv#top",
        "https://xn--mller-kva.de/",
        "https://example.com:8443/path",
        "https://[2001:db8::1]/",
    })
    void http_and_https_urls_are_accepted_unchanged(String url) {
        assertThat(DestinationUrls.check(url)).isEqualTo(url);
    }

    @Test
    void surrounding_whitespace_is_removed() {
        assertThat(DestinationUrls.check("  https://github.com/jane \n")).isEqualTo("https://github.com/jane");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "javascript:alert(1)                | javascript: scheme",
        "JavaScript:alert(document.cookie)  | javascript: scheme",
        "data:text/html,<b>hi</b>           | not a valid URL",
        "data:text/plain;base64,SGk=        | data: scheme",
        "mailto:jane@example.com            | mailto: scheme",
        "ftp://example.com/file             | ftp: scheme",
        "/cv/amazon-de                      | relative URL",
        "github.com/jane                    | relative URL",
        "https://                           | not a valid URL",
        "https:///path                      | no valid host",
        "http://exa mple.com                | not a valid URL",
        "https://user:secret@example.com/   | user name or password",
        "https://bad_host_name.com/         | no valid host",
        "https://example.com:99999/         | ports go up to 65535",
        "https://exa@mple.com@evil.com/     | user name or password",
    })
    void other_destinations_are_refused_with_a_reason(String url, String reason) {
        assertThatThrownBy(() -> DestinationUrls.check(url))
                .isInstanceOf(InvalidDestinationException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void internationalised_host_names_are_kept_in_their_ascii_form() {
        assertThat(DestinationUrls.check("https://müller.de/über?q=ä")).isEqualTo("https://xn--mller-kva.de/über?q=ä");
        assertThat(DestinationUrls.check("https://bücher.example:8443/")).isEqualTo("https://xn--bcher-kva.example:8443/");
    }

    @Test
    void empty_and_overlong_urls_are_refused() {
        assertThatThrownBy(() -> DestinationUrls.check(" ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> DestinationUrls.check(null)).hasMessageContaining("empty");
        String longUrl = "https://example.com/" + "a".repeat(DestinationUrls.MAX_LENGTH);
        assertThatThrownBy(() -> DestinationUrls.check(longUrl)).hasMessageContaining("limit is 1000");
    }
}
