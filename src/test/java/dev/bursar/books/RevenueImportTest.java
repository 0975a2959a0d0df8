package dev.bursar.books;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class RevenueImportTest {

    static RevenueImport.Options csv() {
        return new RevenueImport.Options(RevenueImport.Layout.csv, null, false, "rev.csv");
    }

    static RevenueImport.Options stripe(String customerColumn, boolean cents) {
        return new RevenueImport.Options(RevenueImport.Layout.stripe, customerColumn, cents, "lines.csv");
    }

    @Test
    void bursars_own_csv_reads_customer_month_and_amount_and_keys_unreferenced_lines_by_file_and_line() {
        List<RevenueLine> lines = RevenueImport.parse("customer,month,amount_usd,reference\r\nacme,2026-12,15.00,inv-7\r\n"
                + "\"globex, inc\",2026-12,40\r\n", csv());

        assertThat(lines).containsExactly(
                new RevenueLine("acme", YearMonth.of(2026, 12), new java.math.BigDecimal("15.00"), "csv", "inv-7"),
                new RevenueLine("globex, inc", YearMonth.of(2026, 12), new java.math.BigDecimal("40"), "csv", "rev.csv:3"));
    }

    @Test
    void a_stripe_invoice_line_export_gives_the_month_of_the_period_start() {
        String export = """
                id,Invoice ID,Customer,Period Start,Period End,Amount,Currency,Customer Metadata.bursar_customer
                il_1,in_1,cus_A,2026-12-01 00:00:00,2026-12-31 23:59:59,15.00,usd,acme
                il_2,in_2,cus_B,1796083200,1798761599,1500,usd,globex
                """;

        List<RevenueLine> lines = RevenueImport.parse(export.replace("1500,usd", "15.00,usd"), stripe("Customer Metadata.bursar_customer", false));

        assertThat(lines).extracting(RevenueLine::customer).containsExactly("acme", "globex");
        assertThat(lines).extracting(RevenueLine::month).containsOnly(YearMonth.of(2026, 12));
        assertThat(lines).extracting(RevenueLine::reference).containsExactly("il_1", "il_2");
        assertThat(RevenueImport.parse(export, stripe(null, true)).get(1).amountUsd()).isEqualByComparingTo("15");
        assertThat(RevenueImport.parse(export, stripe(null, true)).get(1).customer()).isEqualTo("cus_B");
    }

    @Test
    void a_bad_line_names_its_line_and_nothing_is_imported() {
        assertThatThrownBy(() -> RevenueImport.parse("customer,month,amount_usd\nacme,2026-12,15\nacme,December,15\n", csv()))
                .hasMessageStartingWith("rev.csv line 3:");
        assertThatThrownBy(() -> RevenueImport.parse("id,customer,period_start,amount,currency\nil_1,cus_A,2026-12-01,10,eur\n",
                stripe(null, false))).hasMessageContaining("only usd");
    }
}
