package dev.bursar.attribution;

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

    public static final Attribution NONE = new Attribution(null, null, null, null, null, null, null);
}
