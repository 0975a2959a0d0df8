package dev.bursar.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionsTest {

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-12-03T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovingClock clock = new MovingClock();
    private final Sessions sessions = new Sessions("the-master-key", clock, Duration.ofHours(12));

    @Test
    void only_the_master_key_opens_a_session() {
        assertThat(sessions.login("the-master-key")).isPresent();
        assertThat(sessions.login("the-master-ke")).isEmpty();
        assertThat(sessions.login("")).isEmpty();
        assertThat(sessions.login(null)).isEmpty();
    }

    @Test
    void a_session_expires_after_its_lifetime() {
        String token = sessions.login("the-master-key").orElseThrow();
        clock.now = clock.now.plus(Duration.ofHours(12)).minusSeconds(1);
        assertThat(sessions.valid(token)).isTrue();
        clock.now = clock.now.plusSeconds(1);
        assertThat(sessions.valid(token)).isFalse();
    }

    @Test
    void tampered_or_foreign_tokens_are_refused() {
        String token = sessions.login("the-master-key").orElseThrow();
        String longer = (Long.parseLong(token.substring(0, token.indexOf('.'))) + 86_400) + token.substring(token.indexOf('.'));
        Sessions otherProcess = new Sessions("the-master-key", clock, Duration.ofHours(12));

        assertThat(sessions.valid(longer)).as("expiry pushed out").isFalse();
        assertThat(otherProcess.valid(token)).as("signed by another process").isFalse();
        assertThat(sessions.valid("garbage")).isFalse();
        assertThat(sessions.valid("..")).isFalse();
        assertThat(sessions.valid(null)).isFalse();
    }

    @Test
    void logout_ends_only_that_session() {
        String a = sessions.login("the-master-key").orElseThrow();
        String b = sessions.login("the-master-key").orElseThrow();
        sessions.logout(a);
        assertThat(sessions.valid(a)).isFalse();
        assertThat(sessions.valid(b)).isTrue();
    }

    @Test
    void the_cookie_header_is_parsed_and_written_with_its_flags() {
        assertThat(Cookies.session(Optional.of("a=1; bursar_session=tok.en.sig; b=2"))).hasValue("tok.en.sig");
        assertThat(Cookies.session(Optional.of("a=1"))).isEmpty();
        assertThat(Cookies.set("t", Duration.ofHours(1), true))
                .isEqualTo("bursar_session=t; Path=/; Max-Age=3600; HttpOnly; SameSite=Strict; Secure");
        assertThat(SameOrigin.check(Optional.of("http://127.0.0.1:8080"), Optional.of("127.0.0.1:8080"))).isTrue();
        assertThat(SameOrigin.check(Optional.of("http://127.0.0.1:8080.evil"), Optional.of("127.0.0.1:8080"))).isFalse();
        assertThat(SameOrigin.check(Optional.of("null"), Optional.of("127.0.0.1:8080"))).isFalse();
        assertThat(SameOrigin.check(Optional.empty(), Optional.of("127.0.0.1:8080"))).isFalse();
    }
}
