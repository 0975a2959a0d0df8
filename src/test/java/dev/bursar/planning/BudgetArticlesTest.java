package dev.bursar.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bursar.pricing.PriceCatalog;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code bursar plan budget} and {@code bursar plan prompt} against the seed articles' arithmetic. */
class BudgetArticlesTest {

    static BigDecimal d(String v) {
        return new BigDecimal(v);
    }

    /** GPT-4o when it cost $5 / $15 per million, as article 002 prices it. */
    static final TokenPrices GPT_4O_2024 = TokenPrices.of(PriceCatalog.bundled(), "gpt-4o", Instant.parse("2024-06-01T00:00:00Z"));

    static SpendForecast.Inputs rag(Optional<BigDecimal> inputP95, Optional<BigDecimal> volumeP95) {
        return new SpendForecast.Inputs(d("2000"), volumeP95, d("8100"), inputP95, d("400"), Optional.empty(),
                GPT_4O_2024, 30, d("0.2"), 42, 10_000);
    }

    @Test
    void a_rag_query_of_8100_input_and_400_output_tokens_at_gpt_4o_launch_prices_costs_2790_dollars_a_month_at_2000_a_day() {
        // Article 002: "Input: 8,100 × $0.000005 = $0.0405; Output: 400 × $0.000015 = $0.006; Total per query ~$0.047;
        // 2,000 queries/day × $0.047 = $94/day = ~$2,800/month". Exactly: $0.0465, $93 a day, $2,790 a month.
        Calculation c = SpendForecast.calculate(rag(Optional.empty(), Optional.empty()));

        assertThat(GPT_4O_2024.source()).isEqualTo("gpt-4o@2024-05-13");
        assertThat(c.result("cost_per_request_usd")).isEqualByComparingTo("0.0465");
        assertThat(c.result("daily_usd")).isEqualByComparingTo("93");
        assertThat(c.result("expected_monthly_usd")).isEqualByComparingTo("2790");
        assertThat(c.result("p50_monthly_usd")).as("no spread given: every month is the expected one").isEqualByComparingTo("2790");
        assertThat(c.result("p95_monthly_usd")).isEqualByComparingTo("2790");
        assertThat(c.result("suggested_limit_usd")).isEqualByComparingTo("3348");
    }

    @Test
    void the_spend_limit_rule_of_thumb_alerts_at_three_times_and_stops_at_five_times_the_baseline() {
        // Article 004's FAQ: users × queries per user per day × cost per query × 30 days, a 3× safety multiplier,
        // a hard limit at 5×. With article 002's 1,000 users, 2 queries each, $0.047 a query: $2,820, $8,460, $14,100.
        Calculation c = SpendForecast.calculate(new SpendForecast.Inputs(d("2000"), Optional.empty(), d("1"),
                Optional.empty(), BigDecimal.ZERO, Optional.empty(), TokenPrices.ofFlags(d("47000"), d("0")), 30,
                d("0.2"), 1, 1_000));

        assertThat(c.result("expected_monthly_usd")).isEqualByComparingTo("2820");
        assertThat(c.result("rule_of_thumb_alert_usd")).isEqualByComparingTo("8460");
        assertThat(c.result("rule_of_thumb_hard_limit_usd")).isEqualByComparingTo("14100");
    }

    @Test
    void token_and_volume_spread_widen_the_p95_but_not_the_expected_month_and_the_seed_makes_it_repeatable() {
        Calculation spread = SpendForecast.calculate(rag(Optional.of(d("16000")), Optional.of(d("3000"))));
        Calculation again = SpendForecast.calculate(rag(Optional.of(d("16000")), Optional.of(d("3000"))));

        assertThat(spread.result("expected_monthly_usd")).isEqualByComparingTo("2790");
        assertThat(spread.result("p50_monthly_usd")).isBetween(d("2600"), d("2790"));
        assertThat(spread.result("p95_monthly_usd")).as("a lognormal volume with p95 1.5x the mean")
                .isBetween(d("3900"), d("4400"));
        assertThat(spread.result("suggested_limit_usd"))
                .isEqualByComparingTo(spread.result("p95_monthly_usd").multiply(d("1.2")).setScale(0, java.math.RoundingMode.CEILING));
        assertThat(again.results()).isEqualTo(spread.results());
    }

    @Test
    void a_p95_no_lognormal_can_have_is_refused() {
        assertThatThrownBy(() -> SpendForecast.calculate(rag(Optional.of(d("40000")), Optional.empty())))
                .hasMessageContaining("--input-tokens-p95").hasMessageContaining("3.87");
    }

    @Test
    void the_ledger_forecast_scales_the_observed_daily_mean_to_a_month_and_bootstraps_its_tail() {
        List<LedgerForecast.Day> days = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            days.add(new LedgerForecast.Day(LocalDate.of(2026, 11, 1).plusDays(i), i == 13 ? d("100") : d("10"), 5));
        }
        Calculation c = LedgerForecast.calculate(new LedgerForecast.Inputs(days, 30, d("0.25"), 42, 10_000));

        assertThat(c.result("observed_usd")).isEqualByComparingTo("230");
        assertThat(c.result("mean_daily_usd")).isEqualByComparingTo("16.428571428571");
        assertThat(c.result("expected_monthly_usd")).as("230 / 14 × 30").isEqualByComparingTo("492.857142857143");
        assertThat(c.result("max_daily_usd")).isEqualByComparingTo("100");
        assertThat(c.result("observed_requests")).isEqualByComparingTo("70");
        assertThat(c.result("p95_monthly_usd")).as("months with several 100-dollar days").isGreaterThan(d("600"));
        assertThat(c.result("p50_monthly_usd")).isBetween(d("390"), d("500"));
    }

    @Test
    void a_2000_token_system_prompt_at_50000_daily_queries_costs_7500_dollars_a_month_on_gpt_4o() {
        // Article 004: "a 2,000-token system prompt running against 50,000 daily queries"; article 003: cutting it
        // from 2,000 to 500 tokens saves 75% of its input cost.
        TokenPrices gpt4o = TokenPrices.of(PriceCatalog.bundled(), "gpt-4o", Instant.parse("2025-06-01T00:00:00Z"));
        Calculation c = SystemPromptCost.calculate(new SystemPromptCost.Inputs(d("2000"), d("50000"), 30,
                Optional.of(d("500")), gpt4o));

        assertThat(c.result("monthly_tokens")).isEqualByComparingTo("3000000000");
        assertThat(c.result("monthly_usd")).isEqualByComparingTo("7500");
        assertThat(c.result("trimmed_monthly_usd")).isEqualByComparingTo("1875");
        assertThat(c.result("monthly_savings_usd")).isEqualByComparingTo("5625");
        assertThat(c.result("savings_pct")).isEqualByComparingTo("75");
    }
}
