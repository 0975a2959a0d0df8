package dev.bursar.budgets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BudgetWindowTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @ParameterizedTest(name = "{0} at {1} -> [{2}, {3})")
    @CsvSource({
            // window, at (UTC),           start (UTC),            reset (UTC)
            // an ordinary winter day in Paris (UTC+1)
            "day,   2026-03-10T12:00:00Z, 2026-03-09T23:00:00Z, 2026-03-10T23:00:00Z",
            // just after local midnight belongs to the new local day
            "day,   2026-03-10T23:00:00Z, 2026-03-10T23:00:00Z, 2026-03-11T23:00:00Z",
            // spring forward (29 March 2026, 02:00 -> 03:00): the day has 23 hours
            "day,   2026-03-29T12:00:00Z, 2026-03-28T23:00:00Z, 2026-03-29T22:00:00Z",
            // fall back (25 October 2026, 03:00 -> 02:00): the day has 25 hours
            "day,   2026-10-25T12:00:00Z, 2026-10-24T22:00:00Z, 2026-10-25T23:00:00Z",
            // March spans the change: starts at UTC+1 midnight, resets at UTC+2 midnight
            "month, 2026-03-15T12:00:00Z, 2026-02-28T23:00:00Z, 2026-03-31T22:00:00Z",
            // 00:30 on 1 April in Paris is already April
            "month, 2026-03-31T22:30:00Z, 2026-03-31T22:00:00Z, 2026-04-30T22:00:00Z",
            // December resets on 1 January
            "month, 2026-12-31T22:59:59Z, 2026-11-30T23:00:00Z, 2026-12-31T23:00:00Z",
            // rolling 6 h: the current hour and the five before it; the oldest drops out at the next hour
            "rolling-6h, 2026-03-29T10:30:00Z, 2026-03-29T05:00:00Z, 2026-03-29T11:00:00Z",
            "rolling-6h, 2026-03-29T11:00:00Z, 2026-03-29T06:00:00Z, 2026-03-29T12:00:00Z",
    })
    void theWindowAnInstantFallsIn(String window, Instant at, Instant start, Instant reset) {
        WindowInstance w = BudgetWindow.parse(window, PARIS).instance(at);

        assertThat(w.start()).isEqualTo(start);
        assertThat(w.resetsAt()).contains(reset);
        assertThat(w.contains(at)).isTrue();
    }

    @Test
    void aRollingWindowIsSummedFromHourlyCellsOldestFirst() {
        List<Bucket> cells = BudgetWindow.parse("rolling-6h", PARIS).buckets(Instant.parse("2026-03-29T10:30:00Z"));

        assertThat(cells).hasSize(6);
        assertThat(cells.getFirst().from()).isEqualTo(Instant.parse("2026-03-29T05:00:00Z"));
        assertThat(cells.getLast().from()).isEqualTo(Instant.parse("2026-03-29T10:00:00Z"));
        assertThat(cells).allSatisfy(c -> assertThat(Duration.between(c.from(), c.to())).isEqualTo(Duration.ofHours(1)));
        // the 05:00 cell is needed until 11:00, kept a day longer for late settles
        assertThat(cells.getFirst().expiresAt()).isEqualTo(Instant.parse("2026-03-30T11:00:00Z"));
    }

    @Test
    void aCalendarCellIsNamedByItsLocalDateAndKeptADayAfterTheReset() {
        Bucket day = BudgetWindow.parse("day", PARIS).buckets(Instant.parse("2026-03-29T22:30:00Z")).getFirst();
        Bucket month = BudgetWindow.parse("month", PARIS).buckets(Instant.parse("2026-03-31T22:30:00Z")).getFirst();

        assertThat(day.id()).isEqualTo("2026-03-30");
        assertThat(month.id()).isEqualTo("2026-04");
        assertThat(month.expiresAt()).isEqualTo(Instant.parse("2026-05-01T22:00:00Z"));
    }

    @Test
    void aLifetimeWindowNeverResets() {
        WindowInstance w = BudgetWindow.parse("lifetime", PARIS).instance(Instant.parse("2026-03-29T10:30:00Z"));

        assertThat(w.start()).isEqualTo(Instant.EPOCH);
        assertThat(w.resetsAt()).isEmpty();
    }

    @Test
    void theSameDayInAnotherZoneIsAnotherWindow() {
        assertThat(BudgetWindow.parse("day", PARIS)).isNotEqualTo(BudgetWindow.parse("day", ZoneId.of("UTC")));
        assertThat(BudgetWindow.parse("rolling-6h", PARIS)).isEqualTo(BudgetWindow.parse("rolling-6h", ZoneId.of("UTC")));
    }

    @Test
    void anUnknownWindowSaysWhatIsAccepted() {
        assertThatThrownBy(() -> BudgetWindow.parse("week", PARIS)).hasMessageContaining("rolling-Nh");
        assertThatThrownBy(() -> BudgetWindow.parse("rolling-0h", PARIS)).hasMessageContaining("1 to 8784 hours");
    }
}
