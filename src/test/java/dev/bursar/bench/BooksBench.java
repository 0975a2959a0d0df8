package dev.bursar.bench;

import dev.bursar.Stores;
import dev.bursar.books.Books;
import dev.bursar.books.MarginGroup;
import dev.bursar.books.MarginReport;
import dev.bursar.books.Scenario;
import dev.bursar.books.ScenarioFile;
import dev.bursar.books.ScenarioReport;
import dev.bursar.config.BursarConfig;
import dev.bursar.config.ConfigLoader;
import dev.bursar.pricing.PriceCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;

/**
 * The books over the ledger bench's month (run by bench/books.sh): {@code bursar margin} and {@code bursar scenario}
 * timed in a warm JVM, five runs each, reading the roll-ups of the 10M-row month that LedgerBench generates.
 * Usage: {@code BooksBench CONFIG.yaml SCENARIO.yaml YYYY-MM}.
 */
public final class BooksBench {

    public static void main(String[] args) throws Exception {
        BursarConfig cfg = ConfigLoader.parse(Files.readString(Path.of(args[0])), Map.of(), args[0]);
        ScenarioFile file = ScenarioFile.parse(Files.readString(Path.of(args[1])), args[1]);
        YearMonth month = YearMonth.parse(args[2]);
        try (Stores s = Stores.open(cfg.storage())) {
            Books books = new Books(s.database(), s.ledger(), cfg.costs(), cfg.plans(), cfg.customers(), Clock.systemUTC());
            var from = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            var to = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            long[] margin = new long[5];
            MarginReport report = null;
            for (int i = 0; i < margin.length; i++) {
                long t0 = System.nanoTime();
                report = books.margin(new Books.MarginQuery(from, to, MarginGroup.CUSTOMER, null));
                margin[i] = (System.nanoTime() - t0) / 1_000_000;
            }
            Scenario scenario = new Scenario(PriceCatalog.bundled());
            long[] scen = new long[5];
            ScenarioReport sr = null;
            for (int i = 0; i < scen.length; i++) {
                long t0 = System.nanoTime();
                sr = scenario.run(books, file, month);
                scen[i] = (System.nanoTime() - t0) / 1_000_000;
            }
            System.out.printf("margin (warm JVM): %d rows, runs %s ms, median %d ms; total cost to serve %s USD%n",
                    report.rows().size(), Arrays.toString(margin), median(margin), report.totals().costToServeUsd().toPlainString());
            System.out.printf("scenario (warm JVM): %d customers, runs %s ms, median %d ms; turned unprofitable %s%n",
                    sr.customers().size(), Arrays.toString(scen), median(scen), sr.turnedUnprofitable());
        }
    }

    private static long median(long[] ms) {
        long[] c = ms.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }
}
