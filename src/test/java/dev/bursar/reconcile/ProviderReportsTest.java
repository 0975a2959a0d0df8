package dev.bursar.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bursar.ledger.SpendRow;
import dev.bursar.pricing.PriceCatalog;
import dev.bursar.pricing.Usage;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderReportsTest {

    final ModelNames names = new ModelNames(PriceCatalog.bundled());

    private static String anthropicCostPage(String amount) {
        return """
                {"data": [{"starting_at": "2026-11-01T00:00:00Z", "ending_at": "2026-11-02T00:00:00Z",
                  "results": [{"currency": "USD", "amount": "%s", "cost_type": "tokens",
                               "model": "claude-sonnet-4-20250514", "token_type": "output_tokens"}]}],
                 "has_more": false, "next_page": null}""".formatted(amount);
    }

    @Test
    void anthropicCostAmountsAreCentsSoTheReaderDividesByAHundredExactly() {
        ProviderReport r = ProviderReports.read(Source.ANTHROPIC_COST, anthropicCostPage("123.45"), "f", names);

        assertThat(r.lines()).singleElement().satisfies(l -> {
            assertThat(l.side().costUsd()).isEqualByComparingTo("1.2345"); // the API reference's own example
            assertThat(l.model()).isEqualTo("claude-sonnet-4-20250514");
            assertThat(l.day()).isEqualTo(LocalDate.parse("2026-11-01"));
        });
    }

    @Test
    void openAiCostAmountsAreDollarsReadAsExactDecimalsNotFloats() {
        String page = """
                {"object": "page", "data": [{"object": "bucket", "start_time": 1793491200, "end_time": 1793577600,
                  "results": [{"object": "organization.costs.result", "amount": {"value": 0.1, "currency": "usd"},
                               "line_item": "gpt-4o-mini-2024-07-18, output", "project_id": null}]}],
                 "has_more": false, "next_page": null}""";

        ProviderLine l = ProviderReports.read(Source.OPENAI_COSTS, page, "f", names).lines().getFirst();

        assertThat(l.side().costUsd()).isEqualTo(new BigDecimal("0.1"));
        assertThat(l.model()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void oneArrayAndJsonlOfTheSamePagesReadTheSame() {
        String p1 = anthropicCostPage("10").replace("\n", " ");
        String p2 = anthropicCostPage("20").replace("\n", " ").replace("2026-11-01", "2026-11-02x")
                .replace("2026-11-02T", "2026-11-03T").replace("2026-11-02x", "2026-11-02");

        var array = ProviderReports.read(Source.ANTHROPIC_COST, "[" + p1 + "," + p2 + "]", "f", names);
        var jsonl = ProviderReports.read(Source.ANTHROPIC_COST, p1 + "\n" + p2 + "\n", "f", names);

        assertThat(jsonl.lines()).hasSize(2).isEqualTo(array.lines());
        assertThat(jsonl.span().orElseThrow().to()).isEqualTo(Instant.parse("2026-11-03T00:00:00Z"));
    }

    @Test
    void aCurrencyOtherThanDollarsIsRefused() {
        assertThatThrownBy(() -> ProviderReports.read(Source.ANTHROPIC_COST,
                anthropicCostPage("1").replace("\"USD\"", "\"EUR\""), "bill.json", names))
                .hasMessageContaining("bill.json: amount in EUR");
    }

    @Test
    void aSnapshotTheCatalogDoesNotListFallsBackToItsUndatedModelAndUnknownNamesStayAsReported() {
        assertThat(names.normalise("gpt-4o-2024-08-06")).isEqualTo("gpt-4o"); // a catalog alias
        assertThat(names.normalise("gpt-4o-mini-2099-01-01")).isEqualTo("gpt-4o-mini");
        assertThat(names.normalise("claude-haiku-4-5-20991231")).isEqualTo("claude-haiku-4-5-20251001");
        assertThat(names.normalise("ft:gpt-4o:acme")).isEqualTo("ft:gpt-4o:acme");
    }

    @Test
    void aReportNotGroupedByModelIsComparedWithTheLedgersDayTotal() {
        String page = """
                {"data": [{"starting_at": "2026-11-01T00:00:00Z", "ending_at": "2026-11-02T00:00:00Z",
                  "results": [{"currency": "USD", "amount": "50", "cost_type": "tokens"}]}], "has_more": false}""";
        ProviderReport report = ProviderReports.read(Source.ANTHROPIC_COST, page, "f", names);
        List<SpendRow> ledger = List.of(row("claude-sonnet-4-20250514", "0.3"), row("claude-haiku-4-5-20251001", "0.2"),
                row("gpt-4o", "9"));

        List<ReconcileRow> rows = new Reconciler(names, Tolerance.DEFAULT).compare(report, ledger,
                Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-02T00:00:00Z"));

        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.model()).isEqualTo(ProviderLine.ALL_MODELS);
            assertThat(r.ledger().orElseThrow().costUsd()).isEqualByComparingTo("0.5"); // gpt-4o is OpenAI's
            assertThat(r.verdict()).isEqualTo(Verdict.OK);
        });
    }

    @Test
    void toleranceNeedsBothTheDollarFloorAndThePercentToBeExceeded() {
        Tolerance t = new Tolerance(new BigDecimal("1"), new BigDecimal("0.01"));

        assertThat(t.dollarsBeyond(new BigDecimal("0.02"), new BigDecimal("1"))).isTrue();
        assertThat(t.dollarsBeyond(new BigDecimal("0.02"), new BigDecimal("10"))).isFalse(); // 0.2 %
        assertThat(t.dollarsBeyond(new BigDecimal("-0.01"), BigDecimal.ZERO)).isFalse(); // the floor
        assertThat(t.tokensBeyond(1, 1000)).isFalse();
        assertThat(t.tokensBeyond(11, 1000)).isTrue();
        assertThat(t.tokensBeyond(1, 0)).isTrue();
    }

    private static SpendRow row(String model, String cost) {
        return new SpendRow(List.of("2026-11-01", model, "off"), 1, 1, 0, Usage.of(10, 1), new BigDecimal(cost),
                BigDecimal.ZERO, BigDecimal.ZERO);
    }
}
