package dev.bursar.cli;

import dev.bursar.pricing.CatalogException;
import dev.bursar.pricing.LiteLlmImport;
import dev.bursar.pricing.ModelInfo;
import dev.bursar.pricing.PriceCatalog;
import dev.bursar.pricing.PriceClass;
import dev.bursar.pricing.PriceSet;
import dev.bursar.pricing.PriceTier;
import dev.bursar.pricing.PriceVersion;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bursar prices}: look at the price catalog and import LiteLLM's. */
@Command(name = "prices", mixinStandardHelpOptions = true,
        description = "The price catalog: list models, show a model's price history, import LiteLLM prices.",
        subcommands = {PricesCommand.ListPrices.class, PricesCommand.ShowPrices.class, PricesCommand.ImportPrices.class})
public final class PricesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Models and their prices (USD per million tokens) in force now.")
    static final class ListPrices implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        PriceFiles prices = new PriceFiles();

        @Option(names = "--provider", description = "Only this provider: openai, anthropic, google, deepseek or mistral.")
        String provider;

        @Option(names = "--at", paramLabel = "DATE|INSTANT", description = "Prices in force at this time (default: now).")
        String at;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                PriceCatalog catalog = prices.catalog();
                Instant when = at == null ? Instant.now() : PriceFiles.parseAt(at);
                List<ModelInfo> models = catalog.models().stream()
                        .filter(m -> provider == null || m.provider().equalsIgnoreCase(provider)).toList();
                if (models.isEmpty()) {
                    spec.commandLine().getErr().println("bursar prices list: no models for provider '" + provider
                            + "'; providers are openai, anthropic, google, deepseek, mistral");
                    return 2;
                }
                String row = "%-32s %-10s %-9s %9s %9s %9s %9s  %s%n";
                out.printf(row, "model", "provider", "mode", "context", "input", "cached", "output", "version");
                for (ModelInfo m : models) {
                    Optional<PriceVersion> v = catalog.versionAt(m.id(), when);
                    out.printf(row, m.id(), m.provider(), m.mode(), m.contextWindow(),
                            price(v, PriceClass.INPUT), price(v, PriceClass.CACHED_INPUT), price(v, PriceClass.OUTPUT),
                            v.map(PriceVersion::label).orElse("(no price yet)"));
                }
                out.flush();
                return 0;
            } catch (IllegalArgumentException | CatalogException e) {
                spec.commandLine().getErr().println("bursar prices list: " + e.getMessage());
                return 2;
            }
        }

        private static String price(Optional<PriceVersion> version, PriceClass cls) {
            return version.flatMap(v -> v.base().declared(cls)).map(PriceFiles::plain).orElse("-");
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "A model's details and full price history.")
    static final class ShowPrices implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        PriceFiles prices = new PriceFiles();

        @Parameters(paramLabel = "MODEL", description = "Model id or alias.")
        String model;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                PriceCatalog catalog = prices.catalog();
                Optional<ModelInfo> info = catalog.model(model);
                if (info.isEmpty()) {
                    List<String> close = catalog.suggestions(model, 5);
                    spec.commandLine().getErr().println("bursar prices show: unknown model '" + model + "'."
                            + (close.isEmpty() ? "" : " Did you mean: " + String.join(", ", close) + "?"));
                    return 2;
                }
                ModelInfo m = info.get();
                out.printf("%s (%s, %s)%n", m.id(), m.provider(), m.mode());
                out.printf("context window: %,d tokens, max output: %,d tokens%n", m.contextWindow(), m.maxOutputTokens());
                out.println("aliases: " + (m.aliases().isEmpty() ? "-" : String.join(", ", m.aliases())));
                out.println("price history (USD per million tokens):");
                for (PriceVersion v : catalog.history(model).orElseThrow()) {
                    out.println("  " + v.label() + "  from " + v.effectiveFrom() + ": " + describe(v.base())
                            + (v.source().isEmpty() ? "" : "  [" + v.source() + "]"));
                    for (PriceTier tier : v.tiers()) {
                        out.printf("      prompt above %,d tokens: %s%n", tier.aboveInputTokens(), describe(tier.prices()));
                    }
                }
                out.flush();
                return 0;
            } catch (CatalogException e) {
                spec.commandLine().getErr().println("bursar prices show: " + e.getMessage());
                return 2;
            }
        }

        private static String describe(PriceSet prices) {
            return prices.declaredPrices().entrySet().stream()
                    .map(e -> e.getKey().key() + " " + PriceFiles.plain(e.getValue()))
                    .collect(Collectors.joining(", "));
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Convert LiteLLM's model_prices_and_context_window.json into a Bursar price override file.")
    static final class ImportPrices implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--litellm", required = true, paramLabel = "FILE", description = "LiteLLM's JSON price file.")
        Path litellm;

        @Option(names = "--out", paramLabel = "FILE", description = "Override file to write (default: ./bursar-data/prices.yaml).")
        Path out = PriceFiles.DEFAULT_OVERRIDES;

        @Option(names = "--effective-from", paramLabel = "DATE",
                description = "Date the imported prices take effect (default: the file's last_updated day).")
        String effectiveFrom;

        @Override
        public Integer call() {
            PrintWriter stdout = spec.commandLine().getOut();
            try {
                Optional<LocalDate> from = Optional.ofNullable(effectiveFrom).map(ImportPrices::date);
                LiteLlmImport.Result result = LiteLlmImport.read(litellm, from);
                result.writeTo(out);
                PriceCatalog.load(List.of(out));
                stdout.printf("imported %d models (%d LiteLLM entries) into %s%n", result.models(), result.entries(), out);
                stdout.printf("skipped %d entries%s%n", result.skippedCount(), reasons(result.skipped()));
                if (!result.ignored().isEmpty()) {
                    stdout.println("ignored non-model entries: " + String.join(", ", result.ignored()));
                }
                stdout.flush();
                return 0;
            } catch (IllegalArgumentException | CatalogException e) {
                spec.commandLine().getErr().println("bursar prices import: " + e.getMessage());
                return 2;
            }
        }

        private static LocalDate date(String text) {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--effective-from '" + text + "' is not a date like 2026-07-24");
            }
        }

        private static String reasons(Map<String, Integer> skipped) {
            if (skipped.isEmpty()) {
                return "";
            }
            return skipped.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                    .collect(Collectors.joining("; ", " (", ")"));
        }
    }
}
