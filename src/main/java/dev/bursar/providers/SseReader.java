package dev.bursar.providers;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads Server-Sent Events one at a time from an upstream body, as they arrive. Comment lines are skipped;
 * multi-line {@code data:} fields are joined with newlines, as the SSE spec says.
 */
public final class SseReader implements AutoCloseable {

    /** One event: {@code event} is null when the stream sent no {@code event:} line. */
    public record Event(String event, String data) {
    }

    private final BufferedReader reader;

    public SseReader(InputStream in) {
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 8192);
    }

    /** The next event, or empty at the end of the stream. */
    public Optional<Event> next() throws IOException {
        String event = null;
        StringBuilder data = null;
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null || event != null) {
                    return Optional.of(new Event(event, data == null ? "" : data.toString()));
                }
                continue;
            }
            if (line.charAt(0) == ':') {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "event" -> event = value;
                case "data" -> {
                    if (data == null) {
                        data = new StringBuilder(value);
                    } else {
                        data.append('\n').append(value);
                    }
                }
                default -> { }
            }
        }
        if (data != null || event != null) {
            return Optional.of(new Event(event, data == null ? "" : data.toString()));
        }
        return Optional.empty();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
