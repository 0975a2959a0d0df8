package dev.bursar.reconcile;

/** What a reconciliation row says. */
public enum Verdict {
    /** Both sides agree within the tolerance. */
    OK("ok"),
    /** Both sides saw traffic, and they differ beyond the tolerance (a wrong price, lost or double-counted rows). */
    DRIFT("drift"),
    /** The provider billed traffic the ledger never saw: calls that bypassed the gateway. */
    MISSING_IN_LEDGER("missing-in-ledger"),
    /** The ledger recorded traffic the provider's report does not have (another account or key, or a late report). */
    MISSING_AT_PROVIDER("missing-at-provider");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
