package dev.bursar.resilience;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The provider's own advice on when to try again, from the headers it sent with its refusal: {@code retry-after-ms}
 * (OpenAI's, more precise, so it wins) or {@code retry-after} (seconds, or an HTTP date). Advice Bursar cannot read is
 * no advice: {@link Duration#ZERO}, as is a date in the past.
 */
final class RetryAfter {

    private static final long DAY_MILLIS = 86_400_000L;

    private RetryAfter() {
    }

    /** {@code headers} have lower-case names, as {@link dev.bursar.providers.ProviderException} keeps them. */
    static Duration of(Map<String, String> headers, Instant now) {
        String ms = headers.get("retry-after-ms");
        if (ms != null) {
            Duration d = number(ms, 1);
            if (d != null) {
                return d;
            }
        }
        String after = headers.get("retry-after");
        if (after == null) {
            return Duration.ZERO;
        }
        Duration seconds = number(after, 1000);
        if (seconds != null) {
            return seconds;
        }
        try {
            Duration until = Duration.between(now, ZonedDateTime.parse(after.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return until.isNegative() ? Duration.ZERO : until;
        } catch (DateTimeParseException e) {
            return Duration.ZERO;
        }
    }

    /** A non-negative decimal number of units of {@code millisPerUnit} ms, rounded up to whole ms; null if not one. */
    private static Duration number(String text, int millisPerUnit) {
        BigDecimal n;
        try {
            n = new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
        if (n.signum() < 0) {
            return null;
        }
        // Compared before scaling, so "1e999999999" costs nothing: advice over a day only means "give up" anyway.
        BigDecimal millis = n.multiply(BigDecimal.valueOf(millisPerUnit));
        if (millis.compareTo(BigDecimal.valueOf(DAY_MILLIS)) > 0) {
            return Duration.ofMillis(DAY_MILLIS);
        }
        return Duration.ofMillis(millis.setScale(0, RoundingMode.CEILING).longValueExact());
    }
}
