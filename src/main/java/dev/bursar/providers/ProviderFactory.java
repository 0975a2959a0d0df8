package dev.bursar.providers;

import dev.bursar.config.ProviderConfig;
import dev.bursar.config.ProviderType;
import dev.bursar.pricing.PriceCatalog;
import dev.bursar.providers.anthropic.AnthropicProvider;
import dev.bursar.providers.gemini.GeminiProvider;
import dev.bursar.providers.openai.OpenAiProvider;
import dev.bursar.providers.sim.SimProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds provider adapters from config, and the providers Bursar turns on by itself when there is no config. */
public final class ProviderFactory {

    private final UpstreamHttp http;
    private final PriceCatalog catalog;

    public ProviderFactory(UpstreamHttp http) {
        this(http, PriceCatalog.bundled());
    }

    /** {@code catalog}: the prices in force, whose model limits the sim enforces. */
    public ProviderFactory(UpstreamHttp http, PriceCatalog catalog) {
        this.http = http;
        this.catalog = catalog;
    }

    public Provider create(ProviderConfig c) {
        // Upstreams echo credentials in their errors; every text Bursar passes on is cleaned of these.
        UpstreamSecrets.remember(c.apiKey());
        c.headers().forEach((name, value) -> {
            if (secretHeader(name)) {
                UpstreamSecrets.remember(value);
            }
        });
        return switch (c.type()) {
            case OPENAI -> new OpenAiProvider(c, http);
            case ANTHROPIC -> new AnthropicProvider(c, http);
            case GEMINI -> new GeminiProvider(c, http);
            case SIM -> new SimProvider(c, catalog);
        };
    }

    private static boolean secretHeader(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        return n.equals("authorization") || n.contains("key") || n.contains("token") || n.contains("secret");
    }

    /**
     * With no providers configured: every provider whose key is in the environment, and {@code sim} for the rest.
     */
    public static List<ProviderConfig> fromEnvironment(Map<String, String> env) {
        List<ProviderConfig> out = new ArrayList<>();
        add(out, env, "OPENAI_API_KEY", "openai", ProviderType.OPENAI, null);
        add(out, env, "ANTHROPIC_API_KEY", "anthropic", ProviderType.ANTHROPIC, null);
        add(out, env, "GEMINI_API_KEY", "gemini", ProviderType.GEMINI, null);
        add(out, env, "DEEPSEEK_API_KEY", "deepseek", ProviderType.OPENAI, "https://api.deepseek.com/v1");
        add(out, env, "MISTRAL_API_KEY", "mistral", ProviderType.OPENAI, "https://api.mistral.ai/v1");
        out.add(new ProviderConfig("sim", ProviderType.SIM, null, null, null, null, null));
        return out;
    }

    private static void add(List<ProviderConfig> out, Map<String, String> env, String var, String name, ProviderType type, String baseUrl) {
        String key = env.get(var);
        if (key != null && !key.isBlank()) {
            out.add(new ProviderConfig(name, type, baseUrl, key, null, null, null));
        }
    }
}
