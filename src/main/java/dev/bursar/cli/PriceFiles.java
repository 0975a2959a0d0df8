package dev.bursar.cli;

import dev.bursar.pricing.PriceCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by the pricing commands: which override files to fold into the bundled catalog. */
final class PriceFiles {

    static final Path DEFAULT_OVERRIDES = Path.of("bursar-data", "prices.yaml");

    @Option(names = "--prices", paramLabel = "FILE",
            description = "Price override file in the catalog format (repeatable). Default: ./bursar-data/prices.yaml when it exists.")
    List<Path> files = new ArrayList<>();

    PriceCatalog catalog() {
        if (files.isEmpty() && Files.isRegularFile(DEFAULT_OVERRIDES)) {
            return PriceCatalog.load(List.of(DEFAULT_OVERRIDES));
        }
        return files.isEmpty() ? PriceCatalog.bundled() : PriceCatalog.load(files);
    }

    /** A date (start of that day, UTC) or an instant such as 2024-09-01T12:00:00Z. */
    static Instant parseAt(String text) {
        try {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notADate) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--at '" + text + "' is neither a date (2024-09-01) nor an instant (2024-09-01T12:00:00Z)");
            }
        }
    }

    /** Decimal for people: no trailing zeros, never exponent notation. */
    static String plain(java.math.BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }
}
