package dev.bursar.providers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SseReaderTest {

    @Test
    void events_are_read_with_every_line_ending_sse_allows_and_comments_skipped() throws IOException {
        String wire = "data: one\n\n: keep-alive\n\nevent: delta\r\ndata: {\"a\":1}\r\n\r\ndata: x\rdata: y\r\rdata: [DONE]\n\n";
        assertThat(all(new SseReader(stream(wire)))).containsExactly(
                new SseReader.Event(null, "one"),
                new SseReader.Event("delta", "{\"a\":1}"),
                new SseReader.Event(null, "x\ny"),
                new SseReader.Event(null, "[DONE]"));
    }

    @Test
    void a_crlf_split_across_two_reads_is_one_line_end() throws IOException {
        // a tiny read buffer upstream: each read returns one byte, so CR and LF arrive apart
        InputStream byteByByte = new InputStream() {
            private final byte[] bytes = "data: a\r\n\r\ndata: b\r\n\r\n".getBytes(StandardCharsets.UTF_8);
            private int i;

            @Override
            public int read() {
                return i < bytes.length ? bytes[i++] : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (i >= bytes.length) {
                    return -1;
                }
                b[off] = bytes[i++];
                return 1;
            }
        };
        assertThat(all(new SseReader(byteByByte))).containsExactly(new SseReader.Event(null, "a"), new SseReader.Event(null, "b"));
    }

    @Test
    void an_event_counts_as_buffered_only_when_it_arrived_whole() throws Exception {
        PipedOutputStream provider = new PipedOutputStream();
        SseReader reader = new SseReader(new PipedInputStream(provider, 64 * 1024));
        provider.write("data: 1\n\ndata: 2\n\n: ping\n\ndata: 3".getBytes(StandardCharsets.UTF_8));
        provider.flush();

        assertThat(reader.next()).contains(new SseReader.Event(null, "1"));
        assertThat(reader.eventBuffered()).as("event 2 is here").isTrue();
        assertThat(reader.next()).contains(new SseReader.Event(null, "2"));
        assertThat(reader.eventBuffered()).as("a comment and half an event: next() would wait").isFalse();

        provider.write("\n\n".getBytes(StandardCharsets.UTF_8));
        provider.close();
        assertThat(reader.next()).contains(new SseReader.Event(null, "3"));
        assertThat(reader.next()).isEmpty();
    }

    private static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private static List<SseReader.Event> all(SseReader r) throws IOException {
        List<SseReader.Event> out = new ArrayList<>();
        for (Optional<SseReader.Event> e = r.next(); e.isPresent(); e = r.next()) {
            out.add(e.get());
        }
        return out;
    }
}
