package dev.bursar.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Retry waste against article 000's two worked examples. */
class RetryWasteArticlesTest {

    @Test
    void eight_percent_failing_with_three_retries_wastes_24_percent_or_2400_dollars_of_a_10000_dollar_bill() {
        // Article 000: "If 8% of requests fail and retry 3 times on average: Wasted cost = 8% × 3 = 24% extra API
        // spend. On a $10K/month API bill: Wasted on failed requests: $2,400/month".
        Calculation c = RetryWaste.calculate(new RetryWaste.Inputs(new BigDecimal("10000"), new BigDecimal("0.08"),
                new BigDecimal("3")));

        assertThat(c.result("wasted_share")).isEqualByComparingTo("0.24");
        assertThat(c.result("wasted_monthly_usd")).isEqualByComparingTo("2400");
    }

    @Test
    void seven_percent_failing_with_two_retries_on_5000_dollars_wastes_700_dollars_a_month() {
        // Article 000's TCO example: "Error rate: 7% with 2 avg retries; Wasted API costs: $5,000 × 7% × 2 = $700/month".
        Calculation c = RetryWaste.calculate(new RetryWaste.Inputs(new BigDecimal("5000"), new BigDecimal("0.07"),
                new BigDecimal("2")));

        assertThat(c.result("wasted_monthly_usd")).isEqualByComparingTo("700");
        assertThat(c.result("wasted_yearly_usd")).isEqualByComparingTo("8400");
    }
}
