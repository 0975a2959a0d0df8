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
        for (String event : text.split("\n\n")) {
            String d = SseFrames.dataOf(event.getBytes(StandardCharsets.UTF_8));
            if (!d.isEmpty()) {
                data.add(d);
            }
        }
        return data;
    }
}
