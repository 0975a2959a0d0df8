package dev.bursar.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ledger:} as issue 17 names it: keep-rows and archive, strict like the rest of the config. */
class LedgerConfigTest {

    @Test
    void theIssuesExampleLoads() {
        BursarConfig c = ConfigLoader.parse("ledger: { keep-rows: 90d, archive: ./bursar-data/archive }", Map.of(), "t");

        assertThat(c.ledger().retention()).contains(Duration.ofDays(90));
        assertThat(c.ledger().archive()).isEqualTo("./bursar-data/archive");
        assertThat(c.ledger().archiveEvery()).isEqualTo(Duration.ofHours(1));
        assertThat(c.ledger().batchRows()).isEqualTo(500);
    }

    @Test
    void withoutALedgerBlockEveryRowIsKept() {
        assertThat(BursarConfig.defaults().ledger().retention()).isEmpty();
        assertThat(ConfigLoader.parse("server: { port: 8080 }", Map.of(), "t").ledger().retention()).isEmpty();
    }

    @Test
    void aWindowShorterThanADayOrAnUnknownKeyIsRefusedWithItsPath() {
        assertThatThrownBy(() -> ConfigLoader.parse("ledger: { keep-rows: 3h }", Map.of(), "t"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("bad value at 'ledger': keep-rows")
                .hasMessageContaining("at least 1d");
        assertThatThrownBy(() -> ConfigLoader.parse("ledger: { keep-row: 30d }", Map.of(), "t"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown key 'ledger.keep-row'");
    }
}
