package dev.bursar.providers;

import dev.bursar.config.ProviderConfig;
import dev.bursar.config.TimeoutsConfig;
import java.time.Duration;

/**
 * How long one upstream attempt may take, phase by phase. Each expiry is a {@link ProviderError.Timeout} whose
 * message names the phase.
 *
 * @param connect       TCP connect plus TLS handshake
 * @param firstToken    from the start of the attempt until the response head and, for a stream, its first event
 * @param betweenEvents the longest silence between two stream events
 * @param total         a whole answer, from the start of the attempt to its last byte
 * @param streamTotal   a stream, from the start of the attempt to its last event
 */
public record Timeouts(Duration connect, Duration firstToken, Duration betweenEvents, Duration total,
                       Duration streamTotal) {

    /** As {@code Http1Config}'s connect timeout, the one Bursar always used. */
    public static final Duration DEFAULT_CONNECT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_FIRST_TOKEN = Duration.ofSeconds(120);
    public static final Duration DEFAULT_BETWEEN_EVENTS = Duration.ofSeconds(120);
    /** A whole answer: what the one {@code timeout} always bounded. */
    public static final Duration DEFAULT_TOTAL = Duration.ofSeconds(120);
    /** A stream had no bound on its length before; ten minutes is longer than any model writes one answer. */
    public static final Duration DEFAULT_STREAM_TOTAL = Duration.ofSeconds(600);

    public static final Timeouts DEFAULTS = new Timeouts(DEFAULT_CONNECT, DEFAULT_FIRST_TOKEN, DEFAULT_BETWEEN_EVENTS,
            DEFAULT_TOTAL, DEFAULT_STREAM_TOTAL);

    /**
     * A provider's timeouts: its own {@code timeouts} key by key, then its older {@code timeout} (first-token,
     * between-events and a whole answer's total), then {@code resilience.timeouts}, then the defaults.
     */
    public static Timeouts of(ProviderConfig provider, TimeoutsConfig defaults) {
        TimeoutsConfig own = provider.timeouts();
        Duration legacy = provider.timeout();
        Duration total = pick(own.total(), legacy, defaults.total(), DEFAULT_TOTAL);
        return new Timeouts(
                pick(own.connect(), null, defaults.connect(), DEFAULT_CONNECT),
                pick(own.firstToken(), legacy, defaults.firstToken(), DEFAULT_FIRST_TOKEN),
                pick(own.betweenEvents(), legacy, defaults.betweenEvents(), DEFAULT_BETWEEN_EVENTS),
                total,
                pick(own.total(), null, defaults.total(), DEFAULT_STREAM_TOTAL));
    }

    /** These timeouts with a model's own {@code timeouts} keys in place of its provider's. */
    public Timeouts overriddenBy(TimeoutsConfig model) {
        return new Timeouts(
                pick(model.connect(), null, null, connect),
                pick(model.firstToken(), null, null, firstToken),
                pick(model.betweenEvents(), null, null, betweenEvents),
                pick(model.total(), null, null, total),
                pick(model.total(), null, null, streamTotal));
    }

    /** One bound for every phase but connect, as the single {@code timeout} was. */
    public static Timeouts whole(Duration timeout) {
        return new Timeouts(DEFAULT_CONNECT, timeout, timeout, timeout, timeout);
    }

    /** The bound on the whole attempt. */
    public Duration total(boolean stream) {
        return stream ? streamTotal : total;
    }

    /** The wait for the response head: the first token, unless the whole attempt must end sooner. */
    public Duration head(boolean stream) {
        Duration all = total(stream);
        return firstToken.compareTo(all) <= 0 ? firstToken : all;
    }

    /** {@code 2s}, {@code 500ms}, {@code 2m}: as durations are written in bursar.yaml. */
    public static String text(Duration d) {
        long ms = d.toMillis();
        if (ms % 60_000 == 0 && ms >= 60_000) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    private static Duration pick(Duration own, Duration legacy, Duration shared, Duration fallback) {
        return own != null ? own : legacy != null ? legacy : shared != null ? shared : fallback;
    }
}
