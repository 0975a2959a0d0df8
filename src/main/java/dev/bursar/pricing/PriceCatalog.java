package dev.bursar.pricing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every model Bursar can price, with its price history. Immutable and safe to share; lookups are one hash-map
 * read (names and aliases, case-insensitive) and a short backwards scan of the model's history.
 */
public final class PriceCatalog {

    static final String BUNDLED_RESOURCE = "/pricing/catalog.yaml";

    private final Map<String, CatalogModel> byName;
    private final List<ModelInfo> models;

    private PriceCatalog(List<CatalogModel> all) {
        Map<String, CatalogModel> names = new HashMap<>();
        for (CatalogModel model : all) {
            model.info().aliases().forEach(alias -> names.put(CatalogReader.normalise(alias), model));
        }
        for (CatalogModel model : all) {
            names.put(CatalogReader.normalise(model.info().id()), model);
        }
        this.byName = Map.copyOf(names);
        this.models = all.stream().map(CatalogModel::info).sorted(Comparator.comparing(ModelInfo::id)).toList();
    }

    private static final class Bundled {
        static final PriceCatalog INSTANCE = new PriceCatalog(new CatalogBuilder().add(bundledDoc(), BUNDLED_RESOURCE).build());
    }

    /** The catalog bundled in the jar. */
    public static PriceCatalog bundled() {
        return Bundled.INSTANCE;
    }

    /** The bundled catalog with these override files folded in, in order (see {@link CatalogBuilder}). */
    public static PriceCatalog load(List<Path> overrideFiles) {
        CatalogBuilder builder = new CatalogBuilder().add(bundledDoc(), BUNDLED_RESOURCE);
        for (Path file : overrideFiles) {
            builder.add(CatalogReader.parse(read(file), file.toString()), file.toString());
        }
        return new PriceCatalog(builder.build());
    }

    /** A catalog made only of these YAML documents (no bundled models), for tests and tools. */
    static PriceCatalog ofYaml(List<String> documents) {
        CatalogBuilder builder = new CatalogBuilder();
        for (int i = 0; i < documents.size(); i++) {
            builder.add(CatalogReader.parse(documents.get(i), "document " + i), "document " + i);
        }
        return new PriceCatalog(builder.build());
    }

    /** Resolves a model name or alias. */
    public Optional<ModelInfo> model(String nameOrAlias) {
        return find(nameOrAlias).map(CatalogModel::info);
    }

    /** Every model, sorted by id. */
    public List<ModelInfo> models() {
        return models;
    }

    /** The version string of the price in force for this model at this time, if any (e.g. "gpt-4o@2024-10-01"). */
    public Optional<String> priceVersionAt(String nameOrAlias, Instant at) {
        return versionAt(nameOrAlias, at).map(PriceVersion::label);
    }

    /** The price version in force for this model at this time; empty for an unknown model or before its first price. */
    public Optional<PriceVersion> versionAt(String nameOrAlias, Instant at) {
        return find(nameOrAlias).flatMap(model -> model.versionAt(at.getEpochSecond()));
    }

    /** A model's price history, oldest first. */
    public Optional<List<PriceVersion>> history(String nameOrAlias) {
        return find(nameOrAlias).map(CatalogModel::history);
    }

    /** Up to {@code max} known ids and aliases closest to a name that did not resolve, closest first. */
    public List<String> suggestions(String name, int max) {
        return ModelNames.closest(CatalogReader.normalise(name), byName.keySet(), max);
    }

    Optional<CatalogModel> find(String nameOrAlias) {
        if (nameOrAlias == null) {
            return Optional.empty();
        }
        CatalogModel exact = byName.get(nameOrAlias);
        if (exact != null) {
            return Optional.of(exact);
        }
        return Optional.ofNullable(byName.get(nameOrAlias.trim().toLowerCase(Locale.ROOT)));
    }

    static CatalogDoc bundledDoc() {
        try (InputStream in = PriceCatalog.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new CatalogException("the bundled price catalog " + BUNDLED_RESOURCE + " is missing from the jar");
            }
            return CatalogReader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), BUNDLED_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CatalogException("price override file " + file + " does not exist");
        }
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new CatalogException("cannot read price override file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Ids and aliases in one list, for callers that need every name (completion, docs). */
    public List<String> names() {
        List<String> names = new ArrayList<>(byName.keySet());
        names.sort(null);
        return names;
    }
}
