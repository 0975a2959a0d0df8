package dev.bursar.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bursar.wire.ApiError;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The streaming multipart reader: parts come out byte for byte, whatever of the boundary their bodies contain. */
class MultipartTest {

    static Map<String, String> parts(String body, String boundary) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        Multipart.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), boundary, (name, file) -> {
            ByteArrayOutputStream b = new ByteArrayOutputStream() {
                @Override
                public void close() {
                    out.put(name + (file == null ? "" : ":" + file), toString(StandardCharsets.UTF_8));
                }
            };
            return b;
        });
        return out;
    }

    @Test
    void fields_and_a_file_whose_body_holds_near_boundaries_come_out_exactly() throws Exception {
        String tricky = "line 1\r\n-\r\n--\r\n--XY-not-quite\r\r\n--XY\r\n--X\nend";
        String body = "preamble\r\n--XYZ\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n"
                + "--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"in.jsonl\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + tricky + "\r\n--XYZ--\r\n";

        assertThat(catchThrowableOfType(ApiError.class, () -> parts(body, "XYZ-"))).as("no such boundary").isNotNull();
        assertThat(catchThrowableOfType(ApiError.class, () -> parts(body.replace("--XYZ--", "--XYZ"), "XYZ"))).isNotNull();
        assertThat(parts(body, "XYZ")).containsExactly(Map.entry("purpose", "batch"), Map.entry("file:in.jsonl", tricky));
    }

    @Test
    void the_boundary_is_read_from_the_content_type_quoted_or_not() {
        assertThat(Multipart.boundary("multipart/form-data; boundary=abc123")).isEqualTo("abc123");
        assertThat(Multipart.boundary("multipart/form-data; boundary=\"a b\"")).isEqualTo("a b");
        assertThat(catchThrowableOfType(ApiError.class, () -> Multipart.boundary("application/json")).status()).isEqualTo(400);
    }
}
