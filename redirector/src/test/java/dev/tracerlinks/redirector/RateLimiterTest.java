package dev.tracerlinks.redirector;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    @Test
    void a_burst_of_three_seconds_is_allowed_then_the_client_waits() {
        // One request per second: a pause in the test (GC, class loading) refills far less than a token.
        RateLimiter limiter = new RateLimiter(1);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.admit("198.51.100.7")).as("request %d", i).isZero();
        }
        assertThat(limiter.admit("198.51.100.7")).isEqualTo(1);
        assertThat(limiter.admit("198.51.100.8")).as("other clients are not affected").isZero();
    }

    @Test
    void ipv6_clients_share_the_allowance_of_their_64() {
        RateLimiter limiter = new RateLimiter(1);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.admit("2001:db8:1:2::" + Integer.toHexString(i + 1))).isZero();
        }
        assertThat(limiter.admit("2001:db8:1:2:ffff::9")).as("same /64").isPositive();
        assertThat(limiter.admit("2001:db8:1:3::1")).as("another /64").isZero();
        assertThat(RateLimiter.clientKey("2001:db8:1:2::1")).isEqualTo(RateLimiter.clientKey("2001:0db8:0001:0002:ffff::"));
    }

    @Test
    void ten_misses_use_up_the_404_allowance_and_refusal_lasts_until_it_refills() {
        RateLimiter limiter = new RateLimiter(100);
        for (int i = 0; i < RateLimiter.NOT_FOUND_BURST; i++) {
            assertThat(limiter.admit("a")).isZero();
            limiter.recordNotFound("a");
        }
        long retryAfter = limiter.admit("a");
        assertThat(retryAfter).isBetween(1L, (long) RateLimiter.SECONDS_PER_NOT_FOUND);
        assertThat(limiter.admit("b")).isZero();
    }

    @Test
    void a_zero_rate_turns_limiting_off() {
        RateLimiter limiter = new RateLimiter(0);
        for (int i = 0; i < 1000; i++) {
            limiter.recordNotFound("a");
            assertThat(limiter.admit("a")).isZero();
        }
    }
}
