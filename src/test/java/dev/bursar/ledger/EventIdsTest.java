package dev.bursar.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTest {

    @Test
    void idsAreVersion7UuidsThatSortByTime() {
        String earlier = EventIds.next(Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC));
        String later = EventIds.next(Clock.fixed(Instant.parse("2026-03-01T00:00:00.001Z"), ZoneOffset.UTC));

        assertThat(UUID.fromString(earlier).version()).isEqualTo(7);
        assertThat(UUID.fromString(earlier).variant()).isEqualTo(2);
        assertThat(earlier).isLessThan(later);
        assertThat(EventIds.next()).isNotEqualTo(EventIds.next());
    }
}
