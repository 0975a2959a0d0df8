package dev.bursar.providers.anthropic;

import java.nio.charset.StandardCharsets;

/** Reads the {@code data} field back out of one complete SSE event as an adapter hands it to a sink. */
final class BridgeSse {

    private BridgeSse() {
    }

    /** The event's data lines joined with newlines, as the SSE spec says; empty when it has none. */
    static String data(byte[] sseEvent) {
        String text = new String(sseEvent, StandardCharsets.UTF_8);
        StringBuilder data = null;
        for (String line : text.split("\r?\n")) {
            if (!line.startsWith("data:")) {
                continue;
            }
            String value = line.startsWith("data: ") ? line.substring(6) : line.substring(5);
            if (data == null) {
                data = new StringBuilder(value);
            } else {
                data.append('\n').append(value);
            }
        }
        return data == null ? "" : data.toString();
    }
}
