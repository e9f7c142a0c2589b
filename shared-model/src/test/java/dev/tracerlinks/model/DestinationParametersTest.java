package dev.tracerlinks.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DestinationParametersTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://jobs.example.com/apply?id=7#top | tl_cid     | abc       | https://jobs.example.com/apply?id=7&tl_cid=abc#top",
            "https://jobs.example.com/apply          | tl_cid     | abc       | https://jobs.example.com/apply?tl_cid=abc",
            "https://jobs.example.com/apply#top      | src        | x y&z     | https://jobs.example.com/apply?src=x+y%26z#top",
            "https://jobs.example.com/apply?         | src        | k2        | https://jobs.example.com/apply?src=k2",
            "https://jobs.example.com/?a=1&          | src        | k2        | https://jobs.example.com/?a=1&src=k2",
            "https://x.example/?utm_source=mine      | utm_source | k2        | https://x.example/?utm_source=mine",
            "https://x.example/?a=1&utm_source#f     | utm_source | k2        | https://x.example/?a=1&utm_source#f",
            "https://x.example/?my_utm_source=1      | utm_source | k2        | https://x.example/?my_utm_source=1&utm_source=k2",
            "https://x.example/p#frag?notquery       | tl_cid     | c         | https://x.example/p?tl_cid=c#frag?notquery",
    })
    void parameters_go_before_the_fragment_and_never_over_an_existing_one(String url, String name, String value, String expected) {
        assertThat(DestinationParameters.add(url, name, value)).isEqualTo(expected);
    }
}
