package dev.bursar.providers;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The headers of an upstream answer that tell a client when to try again: {@code retry-after},
 * {@code retry-after-ms}, {@code x-should-retry}, and the rate-limit state ({@code x-ratelimit-*} from OpenAI and
 * compatible servers, {@code anthropic-ratelimit-*}). Everything else (cookies, request ids, server names) stays
 * upstream.
 */
public final class RetryHeaders {

    private static final int MAX_HEADERS = 24;
    private static final int MAX_VALUE = 200;

    private RetryHeaders() {
    }

    /** {@code source} hands each upstream header (name, value) to the consumer it gets; names come out lower-case. */
    public static Map<String, String> pick(Consumer<BiConsumer<String, String>> source) {
        Map<String, String> kept = new LinkedHashMap<>();
        source.accept((name, value) -> {
            String n = name.toLowerCase(Locale.ROOT);
            if (kept.size() < MAX_HEADERS && passedOn(n) && printable(value)) {
                kept.putIfAbsent(n, value.strip());
            }
        });
        return Map.copyOf(kept);
    }

    /** Whether a header of this (lower-case) name is part of a rate-limit family rather than a single advice. */
    public static boolean isRateLimitState(String name) {
        return name.startsWith("x-ratelimit-") || name.startsWith("anthropic-ratelimit-");
    }

    private static boolean passedOn(String name) {
        return name.equals("retry-after") || name.equals("retry-after-ms") || name.equals("x-should-retry")
                || isRateLimitState(name);
    }

    private static boolean printable(String value) {
        if (value == null || value.isBlank() || value.length() > MAX_VALUE) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
