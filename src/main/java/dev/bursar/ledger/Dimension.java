package dev.bursar.ledger;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What spend can be grouped by; {@code wireName} is the name in {@code group_by=} and {@code --group-by}. */
public enum Dimension {
    CUSTOMER("customer"),
    USER("user"),
    TEAM("team"),
    FEATURE("feature"),
    ENVIRONMENT("environment"),
    PROMPT_VERSION("prompt_version"),
    KEY("key"),
    MODEL("model"),
    PROVIDER("provider"),
    /** How each attempt ended (ok, error, client_cancelled): with provider, what a failing provider wasted. */
    STATUS("status"),
    /** What the cache did (miss, hit-exact, hit-semantic, off): with model or feature, where the cache saves. */
    CACHE("cache"),
    DAY("day"),
    HOUR("hour");

    private final String wireName;

    Dimension(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Parses a wire name; the error lists the valid names. */
    public static Dimension parse(String name) {
        String n = name.trim().toLowerCase().replace('-', '_');
        if (n.equals("env")) {
            return ENVIRONMENT;
        }
        for (Dimension d : values()) {
            if (d.wireName.equals(n)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown group_by dimension '" + name + "'; use one of "
                + Arrays.stream(values()).map(Dimension::wireName).collect(Collectors.joining(", ")));
    }
}
