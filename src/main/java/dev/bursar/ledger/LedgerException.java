package dev.bursar.ledger;

/** A ledger write or read failed; for writes, the event was not recorded. */
public final class LedgerException extends RuntimeException {
    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
