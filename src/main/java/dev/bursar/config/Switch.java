package dev.bursar.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A three-way setting: {@code on}, {@code off} or {@code auto}. YAML 1.1 reads a bare {@code off}/{@code on} as a
 * boolean, so both spellings are taken.
 */
public enum Switch {
    ON("on"), OFF("off"), AUTO("auto");

    private final String label;

    Switch(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    @JsonCreator
    public static Switch of(Object value) {
        String v = String.valueOf(value).trim().toLowerCase(java.util.Locale.ROOT);
        return switch (v) {
            case "on", "true", "yes" -> ON;
            case "off", "false", "no" -> OFF;
            case "auto" -> AUTO;
            default -> throw new IllegalArgumentException("must be on, off or auto, got '" + value + "'");
        };
    }
}
