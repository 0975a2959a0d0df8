package dev.bursar.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.testing.Golden;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactorTest {

    final Redactor all = new Redactor(List.of("emails", "numbers", "phones", "keys"));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "mail jane.doe+ops@example.co.uk now|mail [email] now",
            "write to jane@example.com.|write to [email].",
            "two: a@x.org,b@y.io|two: [email],[email]",
            "not an address: a@b or @home or x@y.z|not an address: a@b or @home or x@y.z",
            "order 42 costs 3.14 or 1,000.50|order [number] costs [number] or [number]",
            "card 4111 1111 1111 1111 ok|card [number] ok",
            "card 4111-1111-1111-1111|card [number]",
            "call +44 20 7946 0958 today|call [phone] today",
            "call (555) 010-9999 or 555-010-9999|call [phone] or [phone]",
            "key sk-proj-abcdefghijklmnop1234 here|key [key] here",
            "Authorization: Bearer abcdefghijklmnopqrstu|Authorization: [key]",
            "born 2026-12-03|born [number]",
            "no digits at all|no digits at all"})
    void replaces_what_must_not_be_kept(String text, String redacted) {
        assertThat(all.text(text)).isEqualTo(redacted);
    }

    @Test
    void only_the_configured_kinds_are_replaced() {
        Redactor emailsOnly = new Redactor(List.of("emails"));
        assertThat(emailsOnly.text("jane@example.com has 3 cats")).isEqualTo("[email] has 3 cats");
        Redactor numbersOnly = new Redactor(List.of("numbers"));
        // Without the e-mail rule first, an address's digits are still numbers; its letters stay.
        assertThat(numbersOnly.text("jane7@example.com has 3 cats")).isEqualTo("jane[number]@example.com has [number] cats");
        assertThat(new Redactor(List.of()).text("jane@example.com 3")).isEqualTo("jane@example.com 3");
    }

    @Test
    void a_body_keeps_its_shape_its_json_numbers_and_its_wire_vocabulary() throws Exception {
        JsonNode body = Golden.JSON.readTree("""
                {"model":"gpt-4o-mini","max_tokens":40,"temperature":0.5,
                 "messages":[{"role":"system","content":"Agent 7 of team 12"},
                             {"role":"user","content":[{"type":"text","text":"I am bob@example.com, order 991"}]}]}
                """);
        String before = body.toString();

        JsonNode redacted = all.body(body);

        assertThat(redacted.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(redacted.path("max_tokens").asInt()).isEqualTo(40);
        assertThat(redacted.path("temperature").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(redacted.at("/messages/0/content").asText()).isEqualTo("Agent [number] of team [number]");
        assertThat(redacted.at("/messages/1/content/0/type").asText()).isEqualTo("text");
        assertThat(redacted.at("/messages/1/content/0/text").asText()).isEqualTo("I am [email], order [number]");
        assertThat(body.toString()).as("the request's own body is not changed").isEqualTo(before);
    }
}
