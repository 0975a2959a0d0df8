package dev.bursar.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvWriterTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "=HYPERLINK(\"http://evil.example\",\"click\")|\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"",
            "+SUM(1,2)|\"'+SUM(1,2)\"",
            "-2+3|\"'-2+3\"",
            "@SUM(1)|\"'@SUM(1)\"",
            "acme|acme",
            "a,b|\"a,b\"",
            "say \"hi\"|\"say \"\"hi\"\"\"",
            "mid=dle|mid=dle",
    })
    void text_that_a_spreadsheet_would_run_as_a_formula_is_quoted_and_prefixed(String text, String cell) {
        assertThat(CsvWriter.cell(text)).isEqualTo(cell);
    }

    @Test
    void a_leading_tab_or_carriage_return_is_neutralised_too() {
        assertThat(CsvWriter.cell("\t=1+2")).isEqualTo("\"'\t=1+2\"");
        assertThat(CsvWriter.cell("\r=1+2")).isEqualTo("\"'\r=1+2\"");
    }

    @Test
    void bursars_own_numbers_stay_numbers_even_when_negative() {
        assertThat(CsvWriter.cell(-5L)).isEqualTo("-5");
        assertThat(CsvWriter.cell(new BigDecimal("-0.000123000"))).isEqualTo("-0.000123");
        assertThat(CsvWriter.cell(new BigDecimal("0E-12"))).isEqualTo("0");
        assertThat(CsvWriter.cell(true)).isEqualTo("true");
        assertThat(CsvWriter.cell(null)).isEmpty();
    }

    @Test
    void rows_end_with_crlf() {
        StringBuilder out = new StringBuilder();
        new CsvWriter(out).row(List.of("customer", "cost_usd")).row(Arrays.asList("+1", null, new BigDecimal("1.50")));
        assertThat(out).hasToString("customer,cost_usd\r\n\"'+1\",,1.5\r\n");
    }
}
