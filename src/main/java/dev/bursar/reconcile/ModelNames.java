package dev.bursar.reconcile;

import dev.bursar.pricing.ModelInfo;
import dev.bursar.pricing.PriceCatalog;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Brings a provider report's model name to the catalog id the ledger stores as the served model. The catalog's
 * aliases map dated snapshots ({@code gpt-4o-2024-08-06}, {@code claude-sonnet-4-20250514}) to their model; a
 * snapshot the catalog does not list is tried once more without its date suffix. A name that still does not resolve
 * is kept as reported, so it shows up as its own row instead of vanishing.
 */
public final class ModelNames implements ProviderReports.ModelNamer {

    private static final Pattern DATE_SUFFIX = Pattern.compile("-(\\d{4}-\\d{2}-\\d{2}|\\d{8})$");

    private final PriceCatalog catalog;

    public ModelNames(PriceCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public String normalise(String reported) {
        return resolve(reported).map(ModelInfo::id).orElse(reported);
    }

    /** The catalog's provider of a ledger model, if the catalog knows it. */
    Optional<String> provider(String model) {
        return resolve(model).map(ModelInfo::provider);
    }

    /** True for embedding models, which OpenAI's completions usage report never has. */
    boolean embedding(String model) {
        return resolve(model).map(m -> m.mode().equals("embedding")).orElse(false);
    }

    private Optional<ModelInfo> resolve(String name) {
        Optional<ModelInfo> direct = catalog.model(name);
        if (direct.isPresent()) {
            return direct;
        }
        String undated = DATE_SUFFIX.matcher(name).replaceFirst("");
        return undated.equals(name) ? Optional.empty() : catalog.model(undated);
    }
}
