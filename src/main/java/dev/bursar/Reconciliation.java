package dev.bursar;

import dev.bursar.alerts.AlertEngine;
import dev.bursar.config.AlertRuleConfig;
import dev.bursar.config.AlertsConfig;
import dev.bursar.config.BursarConfig;
import dev.bursar.pricing.PriceCatalog;
import dev.bursar.reconcile.ModelNames;
import dev.bursar.reconcile.ReconcileStore;
import dev.bursar.reconcile.ScheduledReconciler;
import dev.bursar.reconcile.StoredReconciliation;
import dev.bursar.reconcile.Tolerance;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Wires scheduled reconciliation (issue 12, part 2) into a running gateway or a command. */
public final class Reconciliation {

    private Reconciliation() {
    }

    /** The stored provider numbers against the ledger, with the config's tolerance. */
    public static StoredReconciliation stored(BursarConfig config, Stores storage, PriceCatalog catalog) {
        return new StoredReconciliation(new ReconcileStore(storage.database()), storage.ledger(),
                new ModelNames(catalog), new Tolerance(config.reconcile().percent(), config.reconcile().minUsd()));
    }

    /** As above, with the price catalog {@code bursar serve} would load (imported prices override the bundled ones). */
    public static StoredReconciliation stored(BursarConfig config, Stores storage) {
        java.nio.file.Path prices = Bursar.dataDir(config.storage()).resolve("prices.yaml");
        PriceCatalog catalog = java.nio.file.Files.isRegularFile(prices) ? PriceCatalog.load(List.of(prices))
                : PriceCatalog.bundled();
        return stored(config, storage, catalog);
    }

    /**
     * The alert config, with a default {@code reconcile-drift} rule when reconciliation is on and no rule of that type
     * is configured: pulling the providers' numbers is for hearing when they differ.
     */
    static AlertsConfig withDriftRule(BursarConfig config) {
        AlertsConfig alerts = config.alerts();
        if (!config.reconcile().enabled() || alerts.rules().stream().anyMatch(r -> r.type().equals("reconcile-drift"))) {
            return alerts;
        }
        List<AlertRuleConfig> rules = new ArrayList<>(alerts.rules());
        rules.add(new AlertRuleConfig(null, "reconcile-drift", null, null, null, null, null, null, null, null, null, null));
        return new AlertsConfig(alerts.webhooks(), rules, alerts.evaluateEvery());
    }

    /** Starts the scheduled pulls when an admin key is configured; null otherwise. */
    static ScheduledReconciler schedule(BursarConfig config, Stores storage, PriceCatalog catalog, Clock clock,
                                        AlertEngine alerts) {
        if (!config.reconcile().enabled()) {
            return null;
        }
        ScheduledReconciler r = new ScheduledReconciler(config.reconcile(), new ReconcileStore(storage.database()),
                new ModelNames(catalog), clock, alerts::evaluateNow);
        r.start();
        return r;
    }
}
