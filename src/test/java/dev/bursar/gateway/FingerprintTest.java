package dev.bursar.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.testing.Golden;
import org.junit.jupiter.api.Test;

class FingerprintTest {

    static ObjectNode chat(String text) throws Exception {
        return (ObjectNode) Golden.JSON.readTree("{\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"user\",\"content\":" + Golden.JSON.writeValueAsString(text) + "}]}");
    }

    @Test
    void requests_that_differ_only_by_numbers_case_and_spacing_share_a_fingerprint() throws Exception {
        String a = Fingerprint.of("gpt-4o", chat("Retry #12: summarise   order 4711"));
        String b = Fingerprint.of("gpt-4o", chat("retry #13: Summarise order 4712"));

        assertThat(a).isEqualTo(b).hasSize(16);
    }

    @Test
    void different_prompts_or_models_do_not() throws Exception {
        String base = Fingerprint.of("gpt-4o", chat("summarise the order"));

        assertThat(Fingerprint.of("gpt-4o", chat("translate the order"))).isNotEqualTo(base);
        assertThat(Fingerprint.of("gpt-4o-mini", chat("summarise the order"))).isNotEqualTo(base);
    }
}
