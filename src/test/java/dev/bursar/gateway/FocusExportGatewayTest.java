package dev.bursar.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bursar.focus.FocusValidator;
import dev.bursar.testing.RunningBursar;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Requests through the gateway on sim, then {@code GET /admin/ledger?format=focus}: valid FOCUS, same total as spend. */
class FocusExportGatewayTest {

    static RunningBursar bursar;

    @BeforeAll
    static void start() {
        bursar = RunningBursar.start("""
                providers:
                  - { name: sim, type: sim, sim: { ttft-millis: 0, tokens-per-second: 100000, rate-limit-rate: 0, server-error-rate: 0, timeout-rate: 0, cut-stream-rate: 0, seed: 3 } }
                """);
    }

    @AfterAll
    static void stop() {
        bursar.close();
    }

    @Test
    void theAdminFocusExportOfGatewayTrafficValidatesAndAddsUpToTheSpendTotal() throws Exception {
        for (int i = 0; i < 6; i++) {
            var call = bursar.post("/v1/chat/completions", """
                    {"model":"%s","max_tokens":30,"messages":[{"role":"user","content":"Say something %d"}]}"""
                            .formatted(i % 2 == 0 ? "gpt-4o-mini" : "gpt-4o", i),
                    "X-Bursar-Customer", i < 3 ? "acme" : "globex", "X-Bursar-Feature", "search");
            assertThat(call.statusCode()).isEqualTo(200);
        }
        String auth = "Bearer " + RunningBursar.MASTER_KEY;

        HttpResponse<String> focus = bursar.get("/admin/ledger?format=focus", "Authorization", auth);
        HttpResponse<String> spend = bursar.get("/admin/spend", "Authorization", auth);

        assertThat(focus.statusCode()).isEqualTo(200);
        assertThat(focus.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
        FocusValidator.Result result = FocusValidator.validate(focus.body());
        assertThat(result.violations()).isEmpty();
        assertThat(result.rows()).isEqualTo(6);
        assertThat(focus.body()).contains(",acme,", ",globex,", ",search,");
        BigDecimal total = new BigDecimal(new ObjectMapper().readTree(spend.body()).get("rows").get(0).get("cost_usd").asText());
        assertThat(total.signum()).isPositive();
        assertThat(result.billedCost()).isEqualByComparingTo(total);
    }
}
