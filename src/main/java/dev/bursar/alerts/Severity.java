package dev.bursar.alerts;

import java.util.Locale;

/** How urgent an alert is; rendered lower-case in JSON ("warning"). */
public enum Severity {
    INFO,
    WARNING,
    CRITICAL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Severity of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
