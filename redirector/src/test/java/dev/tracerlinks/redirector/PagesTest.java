package dev.tracerlinks.redirector;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PagesTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "<script>alert(1)</script>  | &lt;script&gt;alert(1)&lt;/script&gt;",
        "a\"onmouseover=\"x         | a&quot;onmouseover=&quot;x",
        "`it's`                     | it&#39;s",
        "Tom & Jerry                | Tom &amp; Jerry",
        "plain text                 | plain text",
    })
    void text_is_escaped_for_html(String text, String escaped) {
        assertThat(Pages.escape(text)).isEqualTo(escaped);
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "application/json                                                  | true",
        "application/json, text/html                                       | true",
        "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8   | false",
        "text/html, application/json                                       | false",
        "*/*                                                               | false",
    })
    void json_only_for_clients_that_prefer_it(String accept, boolean json) {
        assertThat(Pages.wantsJson(accept)).isEqualTo(json);
    }
}
