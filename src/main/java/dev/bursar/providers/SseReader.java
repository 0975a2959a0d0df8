package dev.bursar.providers;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
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

    private final Reader in;
    private char[] buf = new char[8192];
    private int pos;
    private int limit;
    private boolean eof;
    /** The last line ended with CR at the end of the buffer: a LF that follows belongs to it. */
    private boolean skipLf;

    public SseReader(InputStream in) {
        this.in = new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    /**
     * Whether a whole event (up to its blank line) has already been received, so that {@link #next} returns it
     * without waiting for the provider. Adapters use it to send events that arrived together in one write.
     */
    public boolean eventBuffered() {
        boolean hasField = false;
        int i = skipLf && pos < limit && buf[pos] == '\n' ? pos + 1 : pos;
        while (i < limit) {
            int start = i;
            while (i < limit && buf[i] != '\n' && buf[i] != '\r') {
                i++;
            }
            if (i == limit) {
                return false; // a line still being received
            }
            if (i == start) {
                if (hasField) {
                    return true;
                }
            } else if (startsWithField(start, i, "data") || startsWithField(start, i, "event")) {
                hasField = true;
            }
            i += buf[i] == '\r' && i + 1 < limit && buf[i + 1] == '\n' ? 2 : 1;
        }
        return false;
    }

    /** Whether the line buf[from, to) is field {@code name} ("name:..." or just "name"), as {@link #next} reads it. */
    private boolean startsWithField(int from, int to, String name) {
        int n = name.length();
        if (to - from < n) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (buf[from + k] != name.charAt(k)) {
                return false;
            }
        }
        return to - from == n || buf[from + n] == ':';
    }

    /** The next event, or empty at the end of the stream. */
    public Optional<Event> next() throws IOException {
        String event = null;
        StringBuilder data = null;
        String line;
        while ((line = readLine()) != null) {
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

    /** A line without its end (LF, CRLF or CR, as SSE allows), or null at the end of the stream. */
    private String readLine() throws IOException {
        StringBuilder partial = null;
        while (true) {
            if (pos == limit && !fill()) {
                return partial == null ? null : partial.toString();
            }
            if (skipLf) {
                skipLf = false;
                if (buf[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            int start = pos;
            while (pos < limit && buf[pos] != '\n' && buf[pos] != '\r') {
                pos++;
            }
            if (pos == limit) {
                partial = (partial == null ? new StringBuilder() : partial).append(buf, start, pos - start);
                continue;
            }
            String line = partial == null ? new String(buf, start, pos - start)
                    : partial.append(buf, start, pos - start).toString();
            if (buf[pos++] == '\r') {
                if (pos < limit) {
                    if (buf[pos] == '\n') {
                        pos++;
                    }
                } else {
                    skipLf = true;
                }
            }
            return line;
        }
    }

    /** Reads more (blocking); false at the end of the stream. */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        pos = 0;
        limit = 0;
        int n = in.read(buf, 0, buf.length);
        if (n < 0) {
            eof = true;
            return false;
        }
        limit = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
