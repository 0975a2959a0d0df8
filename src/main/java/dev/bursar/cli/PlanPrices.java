package dev.bursar.cli;

import dev.bursar.planning.TokenPrices;
import java.math.BigDecimal;
import java.time.Instant;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where a planning calculator's token prices come from: a catalog model (at a date), or two flags. */
final class PlanPrices {

    @Mixin
    PriceFiles files = new PriceFiles();

    @Option(names = "--model", description = "Take the prices from the catalog for this model id or alias.")
    String model;

    @Option(names = "--at", paramLabel = "DATE|INSTANT", description = "The catalog price in force then (default: now).")
    String at;

    @Option(names = "--input-usd-per-million", paramLabel = "USD", description = "Input price, without --model.")
    BigDecimal input;

    @Option(names = "--output-usd-per-million", paramLabel = "USD", description = "Output price, without --model.")
    BigDecimal output;

    boolean given() {
        return model != null || input != null;
    }

    TokenPrices prices() {
        if (model != null) {
            if (input != null || output != null) {
                throw new IllegalArgumentException("give either --model or --input-usd-per-million/--output-usd-per-million, not both");
            }
            return TokenPrices.of(files.catalog(), model, at == null ? Instant.now() : PriceFiles.parseAt(at));
        }
        if (input == null) {
            throw new IllegalArgumentException("give --model, or --input-usd-per-million (and --output-usd-per-million)");
        }
        return TokenPrices.ofFlags(input, output == null ? BigDecimal.ZERO : output);
    }
}
