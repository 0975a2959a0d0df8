package dev.bursar.ledger;

public enum ExportFormat {
    JSONL, CSV,
    /** FinOps FOCUS 1.2 CSV: one Usage charge per row, Bursar's dimensions as x_ columns (see {@link FocusRows}). */
    FOCUS
}
