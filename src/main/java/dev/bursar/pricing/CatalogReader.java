package dev.bursar.pricing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads catalog files strictly and turns their text into exact, validated prices. */
final class CatalogReader {

    static final Set<String> PROVIDERS = Set.of("openai", "anthropic", "google", "deepseek", "mistral");
    static final Set<String> MODES = Set.of("chat", "embedding");

    /**
     * The most decimals a price per million tokens may have: the ledger stores costs at 12 decimals (picodollars,
     * {@code storage.Money.SCALE}), and tokens × price ÷ 10^6 is exact at that scale for every token count only
     * when the price has at most 12 - 6 decimals.
     */
    static final int FINEST_PRICE_DECIMALS = 6;

    static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .build();

    private CatalogReader() {
    }

    static CatalogDoc parse(String yaml, String origin) {
        try {
            CatalogDoc doc = YAML.readValue(yaml, CatalogDoc.class);
            if (doc == null || doc.models() == null) {
                throw new CatalogException(origin + ": a catalog file needs a top-level 'models:' list");
            }
            return doc;
        } catch (JsonProcessingException e) {
            String path = e instanceof JsonMappingException m ? " at " + m.getPathReference() : "";
            String line = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw new CatalogException(origin + ": not a valid catalog file: " + e.getOriginalMessage() + path + line, e);
        }
    }

    static String write(CatalogDoc doc) {
        try {
            return YAML.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new CatalogException("cannot write catalog: " + e.getOriginalMessage(), e);
        }
    }

    static LocalDate date(String text, String where) {
        if (text == null) {
            throw new CatalogException(where + ": 'effective_from' is missing (a date such as 2024-10-01)");
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new CatalogException(where + ": effective_from '" + text + "' is not a date like 2024-10-01");
        }
    }

    static PriceSet prices(CatalogDoc.PricesDoc doc, String where) {
        Map<PriceClass, BigDecimal> declared = new EnumMap<>(PriceClass.class);
        for (PriceClass cls : PriceClass.values()) {
            String text = doc.get(cls);
            if (text != null) {
                declared.put(cls, decimal(text, where + "." + cls.key()));
            }
        }
        for (PriceClass required : List.of(PriceClass.INPUT, PriceClass.OUTPUT)) {
            if (!declared.containsKey(required)) {
                throw new CatalogException(where + ": '" + required.key() + "' price is missing (USD per million tokens)");
            }
        }
        return new PriceSet(declared);
    }

    static BigDecimal decimal(String text, String where) {
        try {
            BigDecimal value = new BigDecimal(text.trim());
            if (value.signum() < 0) {
                throw new CatalogException(where + ": price " + text + " is negative");
            }
            if (value.stripTrailingZeros().scale() > FINEST_PRICE_DECIMALS) {
                // Refused here, not rounded and not left to the ledger: a call at this price would be answered and
                // paid for, then fail the ledger write. At most 6 decimals per million makes every token count exact.
                throw new CatalogException(where + ": price " + text.trim() + " USD per million tokens has more than "
                        + FINEST_PRICE_DECIMALS + " decimals; one token would cost "
                        + value.movePointLeft(6).stripTrailingZeros().toPlainString()
                        + " USD, finer than the ledger's 0.000000000001 USD. Round the price to at most "
                        + FINEST_PRICE_DECIMALS + " decimals");
            }
            return value.scale() < 0 ? value.setScale(0) : value;
        } catch (NumberFormatException e) {
            throw new CatalogException(where + ": price '" + text + "' is not a decimal number such as \"2.50\"");
        }
    }

    static List<PriceTier> tiers(List<CatalogDoc.TierDoc> docs, String where) {
        List<PriceTier> tiers = new ArrayList<>();
        if (docs == null) {
            return tiers;
        }
        for (int i = 0; i < docs.size(); i++) {
            CatalogDoc.TierDoc tier = docs.get(i);
            String at = where + ".tiers[" + i + "]";
            if (tier.aboveInputTokens() == null || tier.aboveInputTokens() <= 0) {
                throw new CatalogException(at + ": 'above_input_tokens' must be a positive token count");
            }
            tiers.add(new PriceTier(tier.aboveInputTokens(), prices(tier.prices(), at)));
        }
        return tiers;
    }

    static String normalise(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }
}
