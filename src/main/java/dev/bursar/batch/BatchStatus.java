package dev.bursar.batch;

/** OpenAI's batch lifecycle: validating, in_progress, finalizing, completed; or failed, expired, cancelling, cancelled. */
public enum BatchStatus {
    VALIDATING, IN_PROGRESS, FINALIZING, COMPLETED, FAILED, EXPIRED, CANCELLING, CANCELLED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static BatchStatus of(String label) {
        return valueOf(label.toUpperCase(java.util.Locale.ROOT));
    }

    /** Whether a runner still has work to do on a batch in this state. */
    public boolean running() {
        return this == VALIDATING || this == IN_PROGRESS || this == FINALIZING || this == CANCELLING;
    }
}
