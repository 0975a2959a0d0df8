package dev.bursar.pricing;

/** A catalog or import file that cannot be used; the message names the file, the model and what to fix. */
public final class CatalogException extends RuntimeException {
    public CatalogException(String message) {
        super(message);
    }

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
