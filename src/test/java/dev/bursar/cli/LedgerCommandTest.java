package dev.bursar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bursar.Stores;
import dev.bursar.attribution.Attribution;
import dev.bursar.config.StorageConfig;
import dev.bursar.ledger.AttemptStatus;
import dev.bursar.ledger.Endpoint;
import dev.bursar.ledger.SqlLedger;
import dev.bursar.ledger.UsageEvent;
import dev.bursar.pricing.Money;
import dev.bursar.pricing.Usage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code bursar ledger archive|restore|stats}, and {@code bursar report} giving the same numbers across them. */
class LedgerCommandTest {

    @TempDir
    Path dir;
    Path config;
    BigDecimal total = Money.ZERO;

    @BeforeEach
    void twoMonthsOfTraffic() throws Exception {
        Path db = dir.resolve("bursar.db");
        config = dir.resolve("bursar.yaml");
        Files.writeString(config, "storage:\n  sqlite: " + db + "\nledger:\n  keep-rows: 7d\n  archive: "
                + dir.resolve("archive") + "\n");
        Random r = new Random(3);
        List<UsageEvent> events = new ArrayList<>();
        Instant start = Instant.parse("2026-10-01T00:00:00Z");
        for (int i = 0; i < 900; i++) {
            Instant t = start.plusSeconds(r.nextLong(61L * 86_400)).plusNanos(r.nextInt(1_000_000) * 1_000L);
            BigDecimal cost = BigDecimal.valueOf(r.nextLong(90_000_000_000L), Money.SCALE);
            total = total.add(cost);
            events.add(new UsageEvent("e" + i, "r" + i, t,
                    new Attribution("key_1", r.nextBoolean() ? "acme" : "globex", "u" + r.nextInt(3), null, "chat", "production", null),
                    new UsageEvent.Models("gpt-4o", "gpt-4o", "gpt-4o", "openai", "direct"),
                    new UsageEvent.Call(Endpoint.CHAT, false, false, 1, "miss", null),
                    new Usage(r.nextInt(5000), 0, 0, 0, r.nextInt(900), 0),
                    new UsageEvent.Charge(cost, Money.ZERO, "p1", false, null),
                    new UsageEvent.Outcome(200, AttemptStatus.OK, null, 10, -1)));
        }
        try (Stores s = Stores.open(new StorageConfig(db.toString(), null, null))) {
            ((SqlLedger) s.ledger()).appendAll(events);
        }
    }

    String[] run(int expectedExit, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        assertThat(code).as("exit code of %s; stderr: %s", List.of(args), err).isEqualTo(expectedExit);
        return new String[] {out.toString(), err.toString()};
    }

    String report(String groupBy) {
        return run(0, "report", "--config", config.toString(), "--from", "2026-10-01", "--to", "2026-11-30",
                "--group-by", groupBy, "--format", "json")[0];
    }

    @Test
    void archiveThenRestoreLeavesEveryReportUnchanged() {
        String byCustomer = report("customer");
        String byUserAndDay = report("user,day"); // users are not in the roll-ups: these come from rows and archives

        String archived = run(0, "ledger", "archive", "--before", "2026-11-15", "--config", config.toString())[0];

        assertThat(archived).startsWith("archived ").contains("files under");
        assertThat(report("customer")).isEqualTo(byCustomer);
        assertThat(report("user,day")).isEqualTo(byUserAndDay);
        String stats = run(0, "ledger", "stats", "--config", config.toString())[0];
        assertThat(stats).contains("archives:  45 files").contains("2026-10: 31 files").contains("2026-11: 14 files")
                .contains("keep-rows: 7d");

        assertThat(run(0, "ledger", "restore", "--month", "2026-10", "--config", config.toString())[0])
                .startsWith("restored ");
        assertThat(report("customer")).isEqualTo(byCustomer);
        assertThat(report("user,day")).isEqualTo(byUserAndDay);
        assertThat(run(0, "ledger", "stats", "--config", config.toString())[0]).contains("archives:  14 files");
    }

    @Test
    void badInputGetsAClearMessage() {
        assertThat(run(1, "ledger", "restore", "--month", "October", "--config", config.toString())[1])
                .contains("--month must be YYYY-MM");
        assertThat(run(1, "ledger", "archive", "--before", "last week", "--config", config.toString())[1])
                .contains("--before must be a date YYYY-MM-DD");
    }
}
