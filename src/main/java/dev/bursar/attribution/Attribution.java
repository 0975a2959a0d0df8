package dev.bursar.attribution;

import java.util.Optional;

/**
 * Who spent the money: the tags a ledger row is attributed by. Empty strings are never used; a missing tag is
 * {@code null} and reports show it as "(unattributed)".
 */
public record Attribution(
        String keyId,
        String customer,
        String user,
        String team,
        String feature,
        String environment,
        String promptVersion) {

    /** The longest tag value accepted from a request or for a key: a tag names a group of spend, it holds no documents. */
    public static final int MAX_TAG_LENGTH = 256;

    public static final Attribution NONE = new Attribution(null, null, null, null, null, null, null);

    /**
     * The name of the first tag longer than {@link #MAX_TAG_LENGTH}, given names and values in turn
     * ({@code "customer", customer, "team", team, ...}; values may be null).
     */
    public static Optional<String> tooLongTag(String... namesAndValues) {
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null && namesAndValues[i + 1].length() > MAX_TAG_LENGTH) {
                return Optional.of(namesAndValues[i]);
            }
        }
        return Optional.empty();
    }
}
