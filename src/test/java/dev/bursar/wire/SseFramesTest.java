package dev.bursar.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The data of one SSE event, as the cache reads a stream it keeps and the Anthropic bridge reads OpenAI events. */
class SseFramesTest {

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void the_data_lines_of_an_event_are_joined_with_newlines_whatever_its_line_ends() {
        assertThat(SseFrames.dataOf(bytes("data: {\"a\":1}\n\n"))).isEqualTo("{\"a\":1}");
        assertThat(SseFrames.dataOf(bytes("event: x\r\ndata: one\r\ndata:two\r\n\r\n"))).isEqualTo("one\ntwo");
        assertThat(SseFrames.dataOf("id: 7\ndata: last line without a newline")).isEqualTo("last line without a newline");
    }

    @Test
    void an_event_without_data_has_none() {
        assertThat(SseFrames.dataOf(bytes(": keep-alive comment\n\n"))).isEmpty();
        assertThat(SseFrames.dataOf("")).isEmpty();
    }

    @Test
    void what_data_writes_data_of_reads_back() {
        assertThat(SseFrames.dataOf(SseFrames.data("first\nsecond"))).isEqualTo("first\nsecond");
        assertThat(SseFrames.dataOf(SseFrames.event("message_stop", "{}"))).isEqualTo("{}");
    }
}
