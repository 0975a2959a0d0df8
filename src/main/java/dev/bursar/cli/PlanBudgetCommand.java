package dev.bursar.cli;

import dev.bursar.Stores;
import dev.bursar.config.BursarConfig;
import dev.bursar.config.ConfigLoader;
import dev.bursar.ledger.Dimension;
import dev.bursar.ledger.SpendQuery;
import dev.bursar.ledger.SpendRow;
import dev.bursar.planning.Calculation;
import dev.bursar.planning.LedgerForecast;
import dev.bursar.planning.SpendForecast;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bursar plan budget}: the expected month with its p50 and p95, and a spend limit to set; from request volume
 * and token distributions given as flags, or from the ledger's last {@code --days} whole UTC days.
 */
@Command(name = "budget", mixinStandardHelpOptions = true,
        description = "Expected monthly spend, p50/p95 and a suggested spend limit, from flags or from the ledger's last N days.")
public final class PlanBudgetCommand extends PlanCommand.Calculator {

    @Mixin
    PlanPrices prices = new PlanPrices();

    @Option(names = "--requests-per-day", description = "Mean requests a day.")
    BigDecimal requestsPerDay;

    @Option(names = "--users", description = "Active users (with --queries-per-user-per-day, instead of --requests-per-day).")
    BigDecimal users;

    @Option(names = "--queries-per-user-per-day", description = "Queries per active user per day.")
    BigDecimal queriesPerUser;

    @Option(names = "--requests-per-day-p95", description = "95th percentile of a month's daily volume (lognormal).")
    BigDecimal requestsP95;

    @Option(names = "--input-tokens", description = "Mean input tokens per request.")
    BigDecimal inputTokens;

    @Option(names = "--input-tokens-p95", description = "95th percentile of input tokens per request (lognormal).")
    BigDecimal inputP95;

    @Option(names = "--output-tokens", description = "Mean output tokens per request.")
    BigDecimal outputTokens;

    @Option(names = "--output-tokens-p95", description = "95th percentile of output tokens per request (lognormal).")
    BigDecimal outputP95;

    @Option(names = "--month-days", defaultValue = "30", description = "Days in the month planned (default: ${DEFAULT-VALUE}).")
    int monthDays;

    @Option(names = "--headroom", defaultValue = "0.2", description = "Added to the p95 for the suggested limit (default: ${DEFAULT-VALUE}).")
    BigDecimal headroom;

    @Option(names = "--seed", defaultValue = "42", description = "Simulation seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--trials", defaultValue = "10000", description = "Simulated months (default: ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--from-ledger", description = "Forecast from the ledger's daily spend instead of flags.")
    boolean fromLedger;

    @Option(names = "--days", description = "With --from-ledger: the last N whole UTC days (default: 30).")
    Integer days;

    @Option(names = "--config", paramLabel = "FILE", description = "bursar.yaml naming the ledger (default: $BURSAR_CONFIG, then ./bursar.yaml)")
    String config;

    private final Map<String, String> env;
    private final Clock clock;

    public PlanBudgetCommand() {
        this(System.getenv(), Clock.systemUTC());
    }

    PlanBudgetCommand(Map<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    @Override
    Calculation calculate() {
        return fromLedger ? fromLedger() : fromFlags();
    }

    private Calculation fromFlags() {
        if (days != null) {
            throw new IllegalArgumentException("--days is the ledger's window (with --from-ledger); the month's length is --month-days");
        }
        BigDecimal perDay = requestsPerDay;
        if (users != null || queriesPerUser != null) {
            if (perDay != null || users == null || queriesPerUser == null) {
                throw new IllegalArgumentException("give --requests-per-day, or both --users and --queries-per-user-per-day");
            }
            perDay = users.multiply(queriesPerUser);
        }
        if (perDay == null || inputTokens == null || outputTokens == null) {
            throw new IllegalArgumentException("give --requests-per-day (or --users and --queries-per-user-per-day),"
                    + " --input-tokens and --output-tokens, or --from-ledger");
        }
        return SpendForecast.calculate(new SpendForecast.Inputs(perDay, Optional.ofNullable(requestsP95), inputTokens,
                Optional.ofNullable(inputP95), outputTokens, Optional.ofNullable(outputP95), prices.prices(), monthDays,
                headroom, seed, trials));
    }

    private Calculation fromLedger() {
        if (prices.given() || requestsPerDay != null || inputTokens != null || outputTokens != null || users != null) {
            throw new IllegalArgumentException("--from-ledger reads volume and cost from the ledger; leave out the volume, token and price flags");
        }
        int window = days == null ? 30 : days;
        if (window < 1) {
            throw new IllegalArgumentException("--days must be 1 or more, got " + window);
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate first = today.minusDays(window);
        BursarConfig cfg = ConfigLoader.resolve(config, env);
        if (LedgerFile.missing("bursar plan budget", cfg.storage(), spec.commandLine().getErr())) {
            throw new IllegalArgumentException("no ledger to read");
        }
        Instant from = first.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = today.atStartOfDay(ZoneOffset.UTC).toInstant();
        List<SpendRow> rows;
        try (Stores s = Stores.open(cfg.storage())) {
            rows = s.ledger().spend(new SpendQuery(List.of(Dimension.DAY), from, to));
        }
        Map<String, SpendRow> byDay = new HashMap<>();
        rows.forEach(r -> byDay.put(r.group().getFirst(), r));
        List<LedgerForecast.Day> observed = new ArrayList<>();
        for (LocalDate d = first; d.isBefore(today); d = d.plusDays(1)) {
            SpendRow r = byDay.get(d.toString());
            observed.add(new LedgerForecast.Day(d, r == null ? BigDecimal.ZERO : r.costUsd(), r == null ? 0 : r.requests()));
        }
        return LedgerForecast.calculate(new LedgerForecast.Inputs(observed, monthDays, headroom, seed, trials));
    }
}
