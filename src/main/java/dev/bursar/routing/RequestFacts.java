package dev.bursar.routing;

import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What a routing rule may look at, gathered once per request after attribution.
 *
 * @param tags         the request's attribution (locked key tags, then headers and metadata)
 * @param hasTools     whether the request defines tools
 * @param hasImages    whether any message carries an image
 * @param header       request header by lower-case name, null when absent
 * @param inputTokens  the prompt's tokens counted locally; only called when a rule has a token threshold, so
 *                     requests to other models never pay for counting (wrap it with {@link #once})
 * @param prompt       the last user message's text ({@link PromptText}), read only by a learned route
 */
public record RequestFacts(Tags tags, boolean hasTools, boolean hasImages, Function<String, String> header,
                           LongSupplier inputTokens, Supplier<String> prompt) {

    /** The attribution tags rules test, by the names they have in {@code when}. */
    public record Tags(String key, String customer, String user, String team, String feature, String environment) {
    }

    /** Counts at most once, however many rules ask. */
    public static LongSupplier once(LongSupplier count) {
        return new LongSupplier() {
            private long value = -1;

            @Override
            public long getAsLong() {
                if (value < 0) {
                    value = count.getAsLong();
                }
                return value;
            }
        };
    }
}
