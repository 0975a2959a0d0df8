package dev.bursar.cli;

import dev.bursar.Stores;
import dev.bursar.alerts.AlertEngine;
import dev.bursar.alerts.AlertJson;
import dev.bursar.alerts.AlertRecord;
import dev.bursar.config.BursarConfig;
import dev.bursar.config.ConfigLoader;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Recent alerts from the storage `serve` uses; `--evaluate` runs the configured rules once first. */
@Command(name = "alerts", mixinStandardHelpOptions = true, description = "List recent alerts (and optionally evaluate the rules now).")
public final class AlertsCommand implements Callable<Integer> {

    @Option(names = "--config", description = "Config file (default: $BURSAR_CONFIG, else ./bursar.yaml if present).")
    String config;

    @Option(names = "--limit", defaultValue = "50", description = "How many alerts, newest first (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--evaluate", description = "Evaluate the alert rules over the ledger now and deliver what fires.")
    boolean evaluate;

    @Option(names = "--format", defaultValue = "table", description = "table or json")
    String format;

    @Override
    public Integer call() {
        BursarConfig cfg = ConfigLoader.resolve(config, System.getenv());
        try (Stores storage = Stores.open(cfg.storage())) {
            AlertEngine engine = new AlertEngine(storage.database(), storage.ledgerStats(), cfg.alerts(),
                    new dev.bursar.books.BooksMargins(BooksAccess.open(cfg, storage)),
                    dev.bursar.Reconciliation.stored(cfg, storage));
            try {
                if (evaluate) {
                    List<AlertRecord> fired = engine.evaluateNow();
                    engine.flush(Duration.ofSeconds(30));
                    System.err.println("bursar alerts: " + fired.size() + " new alert(s)");
                }
                List<AlertRecord> recent = engine.recent(limit);
                if (format.equals("json")) {
                    System.out.println(AlertJson.list(recent));
                } else {
                    System.out.printf("%-22s %-9s %-14s %-18s %-20s %-8s %s%n", "FIRED", "SEVERITY", "RULE", "SCOPE", "VALUE", "STATE", "MESSAGE");
                    for (AlertRecord r : recent) {
                        System.out.printf("%-22s %-9s %-14s %-18s %-20s %-8s %s%n", r.firedAt().toString().substring(0, 19) + "Z",
                                r.severity(), r.rule(), r.scope() + (r.scopeValue() == null ? "" : ":" + r.scopeValue()),
                                r.value() == null ? "-" : r.value().toPlainString(), r.open() ? "open" : "resolved", r.message());
                    }
                }
            } finally {
                engine.close();
            }
        }
        return 0;
    }
}
