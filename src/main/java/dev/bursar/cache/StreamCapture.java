package dev.bursar.cache;

import dev.bursar.wire.SseFrames;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The events a streamed answer's client was sent, collected so the answer can be kept whole. */
public final class StreamCapture {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(2048);

    public synchronized void add(byte[] event) {
        bytes.writeBytes(event);
    }

    synchronized List<String> dataOfEvents() {
        String text = bytes.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
        List<String> data = new ArrayList<>();
        // Events end with a blank line; split by hand (String.split would compile "\n\n" as a pattern every time).
        int from = 0;
        while (from < text.length()) {
            int end = text.indexOf("\n\n", from);
            String d = SseFrames.dataOf(end < 0 ? text.substring(from) : text.substring(from, end));
            if (!d.isEmpty()) {
                data.add(d);
            }
            from = end < 0 ? text.length() : end + 2;
        }
        return data;
    }
}
