package dev.bursar.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bursar.testing.RunningBursar;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tags are chosen by whoever calls the gateway; the admin CSV export must not hand them to a spreadsheet as formulas. */
class CsvInjectionGatewayTest {

    static RunningBursar bursar;

    @BeforeAll
    static void start() {
        bursar = RunningBursar.start("""
                providers:
                  - { name: sim, type: sim, sim: { ttft-millis: 0, tokens-per-second: 100000, rate-limit-rate: 0, server-error-rate: 0, timeout-rate: 0, cut-stream-rate: 0, seed: 1 } }
                """);
    }

    @AfterAll
    static void stop() {
        bursar.close();
    }

    @Test
    void formula_tags_are_quoted_text_in_the_ledger_csv_and_numbers_stay_numbers() {
        var call = bursar.post("/v1/chat/completions",
                """
                {"model":"gpt-4o-mini","max_tokens":20,"messages":[{"role":"user","content":"Hi"}],
                 "metadata":{"prompt_version":"@SUM(1)"}}""",
                "X-Bursar-Customer", "=HYPERLINK(\"http://evil.example\",\"click\")",
                "X-Bursar-Feature", "+SUM(1,2)", "X-Bursar-Team", "-2+3");
        assertThat(call.statusCode()).isEqualTo(200);

        HttpResponse<String> csv = bursar.get("/admin/ledger?format=csv", "Authorization", "Bearer " + RunningBursar.MASTER_KEY);

        assertThat(csv.statusCode()).isEqualTo(200);
        List<String> lines = csv.body().lines().toList();
        List<String> header = List.of(lines.get(0).split(","));
        String row = lines.stream().filter(l -> l.contains("HYPERLINK")).findFirst().orElseThrow();
        assertThat(row)
                .contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",")
                .contains(",\"'+SUM(1,2)\",")
                .contains(",\"'-2+3\",")
                .contains(",\"'@SUM(1)\",");
        // Bursar's own columns are untouched: the time starts the row's third cell, the cost is a bare number.
        String[] cells = row.replaceAll("\"[^\"]*(\"\"[^\"]*)*\"", "T").split(",", -1);
        assertThat(cells).hasSize(header.size());
        assertThat(cells[header.indexOf("time")]).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(cells[header.indexOf("cost_usd")]).matches("0\\.\\d+");
        assertThat(cells[header.indexOf("input_tokens")]).matches("\\d+");
    }
}
