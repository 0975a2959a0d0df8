package dev.bursar.ledger;

/**
 * How an attempt ended. The label is what the ledger's {@code status} column and exports hold.
 */
public enum AttemptStatus {
    /** Answered (a cache hit too). */
    OK("ok"),
    /** Failed: the provider refused or broke off; tokens already produced are still priced. */
    ERROR("error"),
    /** Answered by the provider, but the client went away first; the cost is real all the same. */
    CLIENT_CANCELLED("client_cancelled");

    private final String label;

    AttemptStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The status a stored label names. */
    public static AttemptStatus ofLabel(String label) {
        for (AttemptStatus s : values()) {
            if (s.label.equals(label)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown attempt status '" + label + "'");
    }

    /** The label, so messages and logs that print the value read as they did when it was a string. */
    @Override
    public String toString() {
        return label;
    }
}
