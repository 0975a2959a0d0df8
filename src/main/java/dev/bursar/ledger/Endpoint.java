package dev.bursar.ledger;

/**
 * Which client endpoint a call came in on. The label is what the ledger's {@code endpoint} column, exports, reports
 * and the {@code endpoint} metrics label hold, so it never changes once written.
 */
public enum Endpoint {
    /** OpenAI's {@code /v1/chat/completions}. */
    CHAT("chat"),
    /** Anthropic's {@code /v1/messages}. */
    MESSAGES("messages"),
    /** OpenAI's {@code /v1/embeddings}. */
    EMBEDDINGS("embeddings");

    private final String label;

    Endpoint(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The endpoint a stored label names; a label Bursar never writes means the row was not written by Bursar. */
    public static Endpoint ofLabel(String label) {
        for (Endpoint e : values()) {
            if (e.label.equals(label)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown endpoint '" + label + "'");
    }

    /** The label, so messages and logs that print the value read as they did when it was a string. */
    @Override
    public String toString() {
        return label;
    }
}
