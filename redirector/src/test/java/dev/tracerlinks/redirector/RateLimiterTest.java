package dev.tracerlinks.redirector;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    @Test
    void a_burst_of_three_seconds_is_allowed_then_the_client_waits() {
        RateLimiter limiter = new RateLimiter(10);
        for (int i = 0; i < 30; i++) {
            assertThat(limiter.admit("a")).as("request %d", i).isZero();
        }
        assertThat(limiter.admit("a")).isEqualTo(1);
        assertThat(limiter.admit("b")).as("other clients are not affected").isZero();
    }

    @Test
    void ten_misses_use_up_the_404_allowance_and_refusal_lasts_until_it_refills() {
        RateLimiter limiter = new RateLimiter(10);
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
