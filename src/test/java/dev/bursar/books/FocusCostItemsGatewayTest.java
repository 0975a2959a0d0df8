package dev.bursar.books;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bursar.focus.FocusValidator;
import dev.bursar.testing.RunningBursar;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** {@code GET /admin/ledger?format=focus} of a gateway with cost items: the calls, then the items, one valid FOCUS file. */
class FocusCostItemsGatewayTest {

    @Test
    void theAdminFocusExportEndsWithTheMonthsCostItemsAndAddsThemToTheTotal() throws Exception {
        try (RunningBursar bursar = RunningBursar.start("""
                providers:
                  - { name: sim, type: sim, sim: { ttft-millis: 0, tokens-per-second: 100000, rate-limit-rate: 0, server-error-rate: 0, timeout-rate: 0, cut-stream-rate: 0, seed: 3 } }
                costs:
                  - { name: gpu-box, category: infrastructure, label: Hetzner, monthly-usd: 120.25 }
                """)) {
            for (int i = 0; i < 3; i++) {
                assertThat(bursar.post("/v1/chat/completions", """
                        {"model":"gpt-4o-mini","max_tokens":20,"messages":[{"role":"user","content":"Hello %d"}]}"""
                        .formatted(i)).statusCode()).isEqualTo(200);
            }
            String auth = "Bearer " + RunningBursar.MASTER_KEY;

            HttpResponse<String> focus = bursar.get("/admin/ledger?format=focus", "Authorization", auth);
            HttpResponse<String> spend = bursar.get("/admin/spend", "Authorization", auth);

            FocusValidator.Result result = FocusValidator.validate(focus.body());
            assertThat(result.violations()).isEmpty();
            assertThat(result.rows()).isEqualTo(4);
            BigDecimal calls = new BigDecimal(new ObjectMapper().readTree(spend.body()).get("rows").get(0).get("cost_usd").asText());
            assertThat(result.billedCost()).isEqualByComparingTo(calls.add(new BigDecimal("120.25")));
            assertThat(focus.body().lines().toList().getLast()).contains("bursar-books", "Hetzner", "gpu-box", "Compute");
        }
    }
}
