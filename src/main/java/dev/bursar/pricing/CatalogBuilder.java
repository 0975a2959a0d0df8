package dev.bursar.pricing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Folds catalog files into one catalog, in order. A later file's model merges into an earlier model when its id
 * matches that model's id or one of its aliases: its price versions join the history (a version with the same
 * {@code effective_from} replaces the earlier one), its aliases are added and any metadata it gives replaces.
 */
final class CatalogBuilder {

    private final Map<String, Draft> byId = new LinkedHashMap<>();
    private final Map<String, String> aliasToId = new HashMap<>();

    private static final class Draft {
        String id;
        String provider;
        String mode;
        Long contextWindow;
        Long maxOutputTokens;
        final Set<String> aliases = new LinkedHashSet<>();
        final TreeMap<LocalDate, PriceVersion> versions = new TreeMap<>();
    }

    CatalogBuilder add(CatalogDoc doc, String origin) {
        for (int i = 0; i < doc.models().size(); i++) {
            CatalogDoc.ModelDoc model = doc.models().get(i);
            if (model.id() == null || model.id().isBlank()) {
                throw new CatalogException(origin + ": models[" + i + "] has no 'id'");
            }
            merge(model, origin + ": model '" + model.id() + "'");
        }
        return this;
    }

    private void merge(CatalogDoc.ModelDoc model, String where) {
        String key = CatalogReader.normalise(model.id());
        String existingId = byId.containsKey(key) ? key : aliasToId.get(key);
        Draft draft = existingId == null ? newDraft(model.id().trim()) : byId.get(existingId);
        if (model.provider() != null) {
            draft.provider = checked(model.provider(), CatalogReader.PROVIDERS, "provider", where);
        }
        if (model.mode() != null) {
            draft.mode = checked(model.mode(), CatalogReader.MODES, "mode", where);
        }
        if (model.contextWindow() != null) {
            draft.contextWindow = model.contextWindow();
        }
        if (model.maxOutputTokens() != null) {
            draft.maxOutputTokens = model.maxOutputTokens();
        }
        if (model.aliases() != null) {
            model.aliases().forEach(alias -> addAlias(draft, alias, where));
        }
        if (!draft.id.equalsIgnoreCase(model.id().trim())) {
            addAlias(draft, model.id(), where);
        }
        addVersions(draft, model.prices(), where, existingId == null);
    }

    private Draft newDraft(String id) {
        Draft draft = new Draft();
        draft.id = id;
        String key = CatalogReader.normalise(id);
        byId.put(key, draft);
        aliasToId.remove(key);
        return draft;
    }

    private void addAlias(Draft draft, String alias, String where) {
        String key = CatalogReader.normalise(alias);
        Draft owner = byId.get(key);
        if (owner != null && owner != draft) {
            throw new CatalogException(where + ": alias '" + alias + "' is already the id of model '" + owner.id + "'");
        }
        if (owner == null) {
            String previous = aliasToId.put(key, CatalogReader.normalise(draft.id));
            if (previous != null && byId.get(previous) != draft) {
                // a later file moves the alias to another model
                byId.get(previous).aliases.removeIf(a -> a.equalsIgnoreCase(alias.trim()));
            }
            if (draft.aliases.stream().noneMatch(a -> a.equalsIgnoreCase(alias.trim()))) {
                draft.aliases.add(alias.trim());
            }
        }
    }

    private void addVersions(Draft draft, List<CatalogDoc.VersionDoc> docs, String where, boolean isNew) {
        if (docs == null || docs.isEmpty()) {
            if (isNew) {
                throw new CatalogException(where + ": a new model needs at least one entry under 'prices'");
            }
            return;
        }
        Set<LocalDate> seen = new LinkedHashSet<>();
        for (int i = 0; i < docs.size(); i++) {
            CatalogDoc.VersionDoc doc = docs.get(i);
            String at = where + " prices[" + i + "]";
            LocalDate from = CatalogReader.date(doc.effectiveFrom(), at);
            if (!seen.add(from)) {
                throw new CatalogException(at + ": two price versions start on " + from + "; give each its own date");
            }
            PriceSet base = CatalogReader.prices(doc.prices(), at);
            List<PriceTier> tiers = CatalogReader.tiers(doc.tiers(), at);
            draft.versions.put(from, PriceVersion.of(draft.id, from, base, tiers, doc.source() == null ? "" : doc.source()));
        }
    }

    private static String checked(String value, Set<String> allowed, String field, String where) {
        String v = CatalogReader.normalise(value);
        if (!allowed.contains(v)) {
            throw new CatalogException(where + ": " + field + " '" + value + "' is not one of " + new TreeSet<>(allowed));
        }
        return v;
    }

    List<CatalogModel> build() {
        List<CatalogModel> models = new ArrayList<>();
        for (Draft draft : byId.values()) {
            String where = "model '" + draft.id + "'";
            require(draft.provider, "provider", where);
            require(draft.mode, "mode", where);
            require(draft.contextWindow, "context_window", where);
            require(draft.maxOutputTokens, "max_output_tokens", where);
            ModelInfo info = new ModelInfo(draft.id, draft.provider, draft.mode, draft.contextWindow,
                    draft.maxOutputTokens, List.copyOf(draft.aliases));
            List<PriceVersion> history = draft.versions.values().stream().map(v -> v.relabel(draft.id)).toList();
            models.add(new CatalogModel(info, history));
        }
        return models;
    }

    private static void require(Object value, String field, String where) {
        if (value == null) {
            throw new CatalogException(where + ": '" + field + "' is missing");
        }
    }
}
