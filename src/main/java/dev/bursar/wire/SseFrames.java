package dev.bursar.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;

/**
 * Complete SSE events as adapters write them to the client's stream, and the way back from one to its data. A
 * multi-line data field (legal SSE, rare in practice) keeps its lines as separate {@code data:} lines.
 */
public final class SseFrames {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);

    private SseFrames() {
    }

    /** OpenAI's end-of-stream event, {@code data: [DONE]}. */
    public static byte[] done() {
        return DONE.clone();
    }

    /** An unnamed event ({@code data: ...}), the OpenAI wire's kind. */
    public static byte[] data(String data) {
        return ("data: " + dataLines(data) + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /** An unnamed event carrying {@code json}, written straight to bytes. */
    public static byte[] data(JsonNode json) {
        try {
            byte[] body = JSON.writeValueAsBytes(json);
            byte[] event = new byte[body.length + 8];
            System.arraycopy(DONE, 0, event, 0, 6); // "data: "
            System.arraycopy(body, 0, event, 6, body.length);
            event[event.length - 2] = '\n';
            event[event.length - 1] = '\n';
            return event;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise an event built from a tree", e);
        }
    }

    /** A named event ({@code event: name} then {@code data: ...}), the Anthropic wire's kind. */
    public static byte[] event(String name, String data) {
        return ("event: " + name + "\ndata: " + dataLines(data) + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The data lines of one complete event joined with newlines, as the SSE spec says; empty when it has none. */
    public static String dataOf(byte[] sseEvent) {
        return dataOf(new String(sseEvent, StandardCharsets.UTF_8));
    }

    /** {@link #dataOf(byte[])} of an event already decoded. */
    public static String dataOf(String text) {
        StringBuilder data = null;
        // Lines end with \n or \r\n; scanned by hand: a pattern split was a fifth of a kept stream's CPU.
        for (int from = 0, end; from < text.length(); from = end + 1) {
            int newline = text.indexOf('\n', from);
            end = newline < 0 ? text.length() : newline;
            String line = text.substring(from, newline > from && text.charAt(newline - 1) == '\r' ? newline - 1 : end);
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

    private static String dataLines(String data) {
        return data.indexOf('\n') < 0 ? data : data.replace("\n", "\ndata: ");
    }
}
