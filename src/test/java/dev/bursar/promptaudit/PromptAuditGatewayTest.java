package dev.bursar.promptaudit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.bursar.ledger.PromptPartsCall;
import dev.bursar.ledger.PromptPartsReader;
import dev.bursar.ledger.TimeRange;
import dev.bursar.pricing.PriceCatalog;
import dev.bursar.testing.Golden;
import dev.bursar.testing.RunningBursar;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end: a gateway on the simulator, a support feature whose system prompt grows from version v1 to v2, and the
 * audit's numbers redone by hand from the token counts (o200k, gpt-4o-mini's tokenizer) and the catalog price
 * (gpt-4o-mini, $0.15 per million input tokens). The prompts stay under 1,024 tokens, so no provider cache is involved.
 */
class PromptAuditGatewayTest {

    static final Encoding O200K = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    static final BigDecimal INPUT_PRICE = new BigDecimal("0.15");
    static final String V1 = rules(5);
    static final String V2 = rules(20);

    static RunningBursar bursar;
    static List<JsonNode> rows;
    static PromptAuditReport report;

    static String rules(int n) {
        StringBuilder sb = new StringBuilder("You are the support assistant of Bursar's billing desk.\n");
        for (int i = 1; i <= n; i++) {
            sb.append("Rule ").append(i).append(": cite the policy section, answer in two sentences, never promise a refund.\n");
        }
        return sb.toString();
    }

    /** A message's tokens in an OpenAI prompt: 3 for the framing, the role, the content. */
    static int message(String role, String content) {
        return 3 + O200K.countTokensOrdinary(role) + O200K.countTokensOrdinary(content);
    }

    static String chat(String system, String... turns) {
        ObjectNode body = Golden.JSON.createObjectNode().put("model", "gpt-4o-mini").put("max_tokens", 30);
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", system);
        for (int i = 0; i < turns.length; i++) {
            messages.addObject().put("role", i % 2 == 0 ? "user" : "assistant").put("content", turns[i]);
        }
        return body.toString();
    }

    static void send(String version, String body) {
        assertThat(bursar.post("/v1/chat/completions", body, "X-Bursar-Feature", "support",
                "X-Bursar-Prompt-Version", version).statusCode()).isEqualTo(200);
    }

    @BeforeAll
    static void run() {
        bursar = RunningBursar.start("""
                providers:
                  - { name: sim, type: sim, sim: { ttft-millis: 0, tokens-per-second: 100000, rate-limit-rate: 0, server-error-rate: 0, timeout-rate: 0, cut-stream-rate: 0, seed: 1 } }
                """);
        send("v1", chat(V1, "Where is my invoice?"));
        send("v1", chat(V1, "Where is my invoice?", "In the billing tab.", "And last month's one?"));
        send("v1", chat(V1, "Can I pay by card?"));
        send("v2", chat(V2, "Why was I charged twice?"));
        send("v2", chat(V2, "Hi", "Hello, how can I help?", "Cancel my plan"));
        rows = bursar.ledgerRows();
        Instant now = Instant.now();
        report = new PromptAudit(PriceCatalog.bundled()).audit(new PromptPartsReader(bursar.bursar().storage().database()),
                new TimeRange(now.minusSeconds(3600), now.plusSeconds(60)), Optional.empty());
    }

    @AfterAll
    static void stop() {
        bursar.close();
    }

    static List<PromptPartsCall> calls() {
        List<PromptPartsCall> calls = new ArrayList<>();
        Instant now = Instant.now();
        new PromptPartsReader(bursar.bursar().storage().database()).forEachCall(
                new TimeRange(now.minusSeconds(3600), now.plusSeconds(60)), Optional.empty(), calls::add);
        calls.sort((a, b) -> a.time().compareTo(b.time()));
        return calls;
    }

    @Test
    void every_row_records_the_system_prompt_and_the_last_user_message_counted_and_the_conversation_as_the_rest() {
        List<PromptPartsCall> calls = calls();
        assertThat(calls).hasSize(5);
        // The first call of each version is single-turn with a system prompt not seen before: its size is the
        // provider's count minus the user message and priming, not encoded locally; later calls are counted. Same sizes.
        int system1 = message("system", V1);
        int system2 = message("system", V2);
        assertThat(calls).extracting(c -> c.parts().systemTokens()).containsExactly(system1, system1, system1, system2, system2);
        assertThat(calls).extracting(c -> c.parts().lastUserTokens()).containsExactly(message("user", "Where is my invoice?"),
                message("user", "And last month's one?"), message("user", "Can I pay by card?"),
                message("user", "Why was I charged twice?"), message("user", "Cancel my plan"));
        // The conversation is what the provider billed beyond the two: the earlier turns and the reply priming (3).
        assertThat(calls.get(0).parts().conversationTokens()).isEqualTo(3);
        assertThat(calls.get(1).parts().conversationTokens())
                .isEqualTo(3 + message("user", "Where is my invoice?") + message("assistant", "In the billing tab."));
        for (PromptPartsCall c : calls) {
            var p = c.parts();
            assertThat(p.systemTokens() + p.conversationTokens() + p.lastUserTokens()).isEqualTo((int) c.usage().inputTokens());
        }
        assertThat(calls.get(0).parts().systemHash()).isEqualTo(calls.get(2).parts().systemHash())
                .isNotEqualTo(calls.get(3).parts().systemHash());
    }

    @Test
    void the_audit_gives_each_versions_system_tokens_share_of_input_cost_monthly_cost_and_growth_as_redone_by_hand() {
        List<PromptPartsCall> calls = calls();
        assertThat(report.rows()).extracting(AuditRow::promptVersion).containsExactly("v1", "v2");
        AuditRow v1 = report.rows().get(0);
        AuditRow v2 = report.rows().get(1);
        int system1 = message("system", V1);
        int system2 = message("system", V2);
        long input1 = calls.subList(0, 3).stream().mapToLong(c -> c.usage().inputTokens()).sum();
        long input2 = calls.subList(3, 5).stream().mapToLong(c -> c.usage().inputTokens()).sum();

        assertThat(v1.feature()).isEqualTo("support");
        assertThat(v1.calls()).isEqualTo(3);
        assertThat(v1.systemPrompts()).isEqualTo(1);
        assertThat(v1.systemTokens()).isEqualByComparingTo(BigDecimal.valueOf(system1));
        BigDecimal system1Usd = usd(3L * system1);
        assertThat(v1.systemCostUsd()).isEqualByComparingTo(system1Usd);
        assertThat(v1.inputCostUsd()).isEqualByComparingTo(usd(input1));
        assertThat(v1.systemShareOfInputPct()).isEqualByComparingTo(
                BigDecimal.valueOf(3L * system1 * 100).divide(BigDecimal.valueOf(input1), 2, RoundingMode.HALF_UP));
        long days1 = calls.subList(0, 3).stream().map(c -> LocalDate.ofInstant(c.time(), ZoneOffset.UTC)).distinct().count();
        assertThat(v1.monthlySystemCostUsd()).as("system cost a day × 30")
                .isEqualByComparingTo(system1Usd.multiply(BigDecimal.valueOf(30)).divide(BigDecimal.valueOf(days1), 12, RoundingMode.HALF_EVEN));
        assertThat(v1.growth()).isEmpty();

        assertThat(v2.calls()).isEqualTo(2);
        assertThat(v2.systemCostUsd()).isEqualByComparingTo(usd(2L * system2));
        assertThat(v2.inputCostUsd()).isEqualByComparingTo(usd(input2));
        AuditRow.Growth growth = v2.growth().orElseThrow();
        assertThat(growth.previousVersion()).isEqualTo("v1");
        assertThat(growth.systemTokensChange()).isEqualByComparingTo(BigDecimal.valueOf(system2 - system1));
        assertThat(growth.systemTokensGrowthPct()).isEqualByComparingTo(BigDecimal.valueOf((system2 - system1) * 100L)
                .divide(BigDecimal.valueOf(system1), 2, RoundingMode.HALF_UP));
        assertThat(growth.systemTokensGrowthPct()).as("15 more rules").isGreaterThan(new BigDecimal("100"));

        assertThat(report.totals().calls()).isEqualTo(5);
        assertThat(report.totals().systemCostUsd()).isEqualByComparingTo(system1Usd.add(usd(2L * system2)));
    }

    @Test
    void the_ledger_rows_cost_agrees_with_the_audits_input_cost_and_the_export_and_report_still_work() {
        BigDecimal ledgerCost = rows.stream().map(r -> new BigDecimal(r.get("cost_usd").asText())).reduce(BigDecimal.ZERO, BigDecimal::add);
        long output = rows.stream().mapToLong(r -> r.get("output_tokens").asLong()).sum();
        BigDecimal outputUsd = BigDecimal.valueOf(output).multiply(new BigDecimal("0.6")).movePointLeft(6);

        assertThat(rows).hasSize(5);
        assertThat(report.totals().inputCostUsd().add(outputUsd)).isEqualByComparingTo(ledgerCost);
        assertThat(bursar.get("/admin/spend?group_by=prompt_version", "Authorization", "Bearer " + RunningBursar.MASTER_KEY)
                .statusCode()).isEqualTo(200);
    }

    static BigDecimal usd(long tokens) {
        return BigDecimal.valueOf(tokens).multiply(INPUT_PRICE).movePointLeft(6);
    }
}
