package dev.bursar;

import dev.bursar.auth.Authenticator;
import dev.bursar.config.BursarConfig;
import dev.bursar.config.ProviderConfig;
import dev.bursar.config.ProviderType;
import dev.bursar.routing.ModelRoutes;
import java.io.PrintStream;
import java.util.List;

/** What `bursar serve` says at start: where it listens, what it serves, and every default it chose. */
final class StartupBanner {

    private StartupBanner() {
    }

    static void print(PrintStream log, Bursar b, BursarConfig config, List<ProviderConfig> providers, ModelRoutes routes,
                      Authenticator auth, MasterKey master, String storage) {
        log.println("bursar: gateway listening on " + b.baseUrl() + "  (OpenAI: " + b.baseUrl() + "/v1, Anthropic: " + b.baseUrl() + ")");
        log.println("bursar: ledger in " + storage);
        for (ProviderConfig p : providers) {
            log.println("bursar: provider " + p.name() + " (" + p.type() + ")"
                    + (p.baseUrl() == null ? "" : " at " + p.baseUrl())
                    + (config.providers().isEmpty() && p.type() != ProviderType.SIM ? " — key found in the environment" : ""));
        }
        if (!routes.simServed().isEmpty()) {
            log.println("bursar: NOTE " + routes.simServed().size() + " catalog models have no real provider configured and are served by the"
                    + " offline 'sim' provider (simulated answers, real token counts and prices). Set OPENAI_API_KEY,"
                    + " ANTHROPIC_API_KEY, GEMINI_API_KEY or DEEPSEEK_API_KEY, or configure providers in bursar.yaml, to use real ones.");
        }
        log.println("bursar: " + routes.all().size() + " model names served (GET /v1/models)");
        if (config.reconcile().enabled()) {
            log.println("bursar: reconciling with " + String.join(", ", config.reconcile().admins().keySet())
                    + ": yesterday's usage and cost pulled at start if missing, then at " + config.reconcile().hour()
                    + ":00 UTC every " + config.reconcile().every().toString().substring(2).toLowerCase()
                    + " (GET /admin/reconcile)");
        }
        if (auth.openMode()) {
            log.println("bursar: NOTE no API keys are configured: ANY bearer token is accepted and spend is unattributed"
                    + " unless X-Bursar-* headers say otherwise. Create keys with 'bursar keys create' or POST /admin/keys.");
        }
        if (master.generated()) {
            log.println("bursar: generated the admin master key (saved in the data folder as master.key; shown only now):");
            log.println("bursar:   " + master.value());
        } else {
            log.println("bursar: admin API at " + b.baseUrl() + "/admin/ (master key from config, BURSAR_MASTER_KEY or master.key)");
        }
    }
}
