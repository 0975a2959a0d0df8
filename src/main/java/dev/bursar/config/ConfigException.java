package dev.bursar.config;

/** A configuration that cannot be used; the message names the file and the path of the bad key. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
