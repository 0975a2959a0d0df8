package dev.bursar.books;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bursar.config.ConfigException;
import dev.bursar.config.ConfigLoader;
import dev.bursar.config.PlanConfig;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;

/**
 * A pricing scenario ({@code bursar scenario --file}), read as strictly as bursar.yaml. Changes apply to a past
 * month's books in this order: usage growth, model switches (and routing shares), provider price changes, cache hit
 * rates; then the plan prices.
 *
 * @param month           the month to recompute, YYYY-MM (or --month)
 * @param targetMarginPct the margin customers should make (default: each plan's target-margin-pct)
 * @param plans           plans with new prices (flat, per seat, included requests and overage): whole plan entries
 * @param switchModel     a feature's calls of one model moved to another, repriced at the catalog's prices
 * @param priceChange     a model's or provider's prices multiplied by a factor
 * @param growth          usage of a feature or customer (or both) multiplied by a factor
 * @param cache           a share of a feature's paid requests answered from Bursar's cache, at no cost
 */
public record ScenarioFile(String month, BigDecimal targetMarginPct, List<PlanConfig> plans, List<Switch> switchModel,
                           List<PriceChange> priceChange, List<Growth> growth, List<Cache> cache) {

    /**
     * @param share       the part of the feature's traffic on {@code from} that moves (default 1: all of it; below 1 a
     *                    routing share)
     * @param outputRatio the new model's output length relative to the old (default 1: output kept)
     */
    public record Switch(String feature, String from, String to, BigDecimal share, BigDecimal outputRatio) {
        public Switch {
            if (from == null || to == null) {
                throw new IllegalArgumentException("switch-model needs from and to (model names)");
            }
            share = share == null ? BigDecimal.ONE : share;
            outputRatio = outputRatio == null ? BigDecimal.ONE : outputRatio;
            if (share.signum() < 0 || share.compareTo(BigDecimal.ONE) > 0 || outputRatio.signum() < 0) {
                throw new IllegalArgumentException("switch-model: share is between 0 and 1 and output-ratio is not negative");
            }
        }
    }

    public record PriceChange(String model, String provider, BigDecimal factor) {
        public PriceChange {
            if ((model == null) == (provider == null) || factor == null || factor.signum() < 0) {
                throw new IllegalArgumentException("price-change needs one of model or provider, and a factor (0.8 is 20% cheaper)");
            }
        }
    }

    public record Growth(String feature, String customer, BigDecimal factor) {
        public Growth {
            if (factor == null || factor.signum() < 0) {
                throw new IllegalArgumentException("growth needs a factor (1.5 is 50% more usage)");
            }
        }
    }

    public record Cache(String feature, BigDecimal hitRate) {
        public Cache {
            if (hitRate == null || hitRate.signum() < 0 || hitRate.compareTo(BigDecimal.ONE) > 0) {
                throw new IllegalArgumentException("cache needs a hit-rate between 0 and 1");
            }
        }
    }

    public ScenarioFile {
        plans = plans == null ? List.of() : List.copyOf(plans);
        switchModel = switchModel == null ? List.of() : List.copyOf(switchModel);
        priceChange = priceChange == null ? List.of() : List.copyOf(priceChange);
        growth = growth == null ? List.of() : List.copyOf(growth);
        cache = cache == null ? List.of() : List.copyOf(cache);
    }

    public static ScenarioFile parse(String yaml, String source) {
        JsonNode tree;
        try {
            tree = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new ConfigException(source + ": not valid YAML: " + e.getMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new ConfigException(source + ": a scenario is a mapping (month, plans, switch-model, ...)");
        }
        return ConfigLoader.bind(tree, ScenarioFile.class, source);
    }
}
