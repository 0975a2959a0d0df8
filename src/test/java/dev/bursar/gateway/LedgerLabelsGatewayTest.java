package dev.bursar.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.testing.RunningBursar;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ledger's endpoint and status columns are typed in the code but stored, exported and reported as the same
 * labels as always ("chat", "messages", "embeddings"; "ok", "error", "client_cancelled"), and the export's fields keep
 * their names and order: reports, spreadsheets and scripts written against them keep working.
 */
class LedgerLabelsGatewayTest {

    static final List<String> EXPORT_FIELDS = List.of("event_id", "request_id", "time", "key_id", "customer", "user",
            "team", "feature", "environment", "prompt_version", "requested_model", "served_model", "upstream_model",
            "provider", "endpoint", "routing_reason", "cache_outcome", "input_tokens", "cached_input_tokens",
            "cache_write_5m_tokens", "cache_write_1h_tokens", "output_tokens", "reasoning_tokens", "cost_usd",
            "saved_usd", "price_version", "cost_estimated", "latency_micros", "ttft_micros", "http_status", "status",
            "error_class", "attempt", "batch", "stream", "raw_usage", "fingerprint", "cache", "prefix_hash",
            "prefix_tokens");

    static RunningBursar bursar;

    @BeforeAll
    static void start() {
        bursar = RunningBursar.start("""
                providers:
                  - { name: sim, type: sim, sim: { ttft-millis: 0, tokens-per-second: 100000, rate-limit-rate: 0, server-error-rate: 0, timeout-rate: 0, cut-stream-rate: 0, seed: 1 } }
                """);
        assertThat(bursar.post("/v1/chat/completions", """
                {"model":"gpt-4o-mini","max_tokens":20,"messages":[{"role":"user","content":"Hi"}],
                 "metadata":{"customer":"on-chat"}}""").statusCode()).isEqualTo(200);
        assertThat(bursar.post("/v1/messages", """
                {"model":"claude-3-5-haiku-20241022","max_tokens":20,"metadata":{"user_id":"on-messages"},
                 "messages":[{"role":"user","content":"Hi"}]}""", "anthropic-version", "2023-06-01").statusCode())
                .isEqualTo(200);
        assertThat(bursar.post("/v1/embeddings", """
                {"model":"text-embedding-3-small","input":"hello","metadata":{"customer":"on-embeddings"}}""")
                .statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        bursar.close();
    }

    @Test
    void each_endpoint_is_booked_under_its_label_with_status_ok() {
        List<JsonNode> rows = bursar.ledgerRows();

        assertThat(rows).extracting(r -> r.path("endpoint").asText() + "/" + r.path("status").asText()
                        + "/" + r.path("requested_model").asText())
                .containsExactlyInAnyOrder("chat/ok/gpt-4o-mini", "messages/ok/claude-3-5-haiku-20241022",
                        "embeddings/ok/text-embedding-3-small");
    }

    @Test
    void the_jsonl_export_keeps_its_field_names_and_order() {
        var jsonl = bursar.get("/admin/ledger?format=jsonl", "Authorization", "Bearer " + RunningBursar.MASTER_KEY);

        assertThat(jsonl.statusCode()).isEqualTo(200);
        List<String> lines = jsonl.body().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).hasSize(3);
        for (JsonNode row : bursar.ledgerRows()) {
            List<String> names = new ArrayList<>();
            row.fieldNames().forEachRemaining(names::add);
            assertThat(names).containsExactlyElementsOf(EXPORT_FIELDS);
            assertThat(row.path("cost_usd").isTextual()).isTrue();
            assertThat(row.path("stream").isBoolean()).isTrue();
            assertThat(row.path("error_class").isNull()).isTrue();
        }
    }

    @Test
    void the_csv_export_keeps_its_header_and_labels() {
        var csv = bursar.get("/admin/ledger?format=csv", "Authorization", "Bearer " + RunningBursar.MASTER_KEY);

        assertThat(csv.statusCode()).isEqualTo(200);
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.getFirst()).isEqualTo(String.join(",", EXPORT_FIELDS));
        int endpoint = EXPORT_FIELDS.indexOf("endpoint");
        int status = EXPORT_FIELDS.indexOf("status");
        // No cell before the status column holds a comma or a quote here, so a plain split finds both columns.
        assertThat(lines.subList(1, lines.size())).extracting(l -> {
            String[] cells = l.split(",", -1);
            return cells[endpoint] + "/" + cells[status];
        }).containsExactlyInAnyOrder("chat/ok", "messages/ok", "embeddings/ok");
    }
}
