package dev.bursar.reconcile;

import java.time.LocalDate;

/** One result of a provider report, its model already normalised to the catalog's id (or {@link #ALL_MODELS}). */
public record ProviderLine(LocalDate day, String model, Side side) {

    /** The model of a result that names none (a report not grouped by model): compared with the day's total. */
    public static final String ALL_MODELS = "(all models)";
}
