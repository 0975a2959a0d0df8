package dev.bursar.tiers;

/** A golden set that cannot be used; the message names the file and each bad line's number. */
public final class GoldenFileException extends IllegalArgumentException {
    public GoldenFileException(String message) {
        super(message);
    }
}
