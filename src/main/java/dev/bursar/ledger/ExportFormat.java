package dev.bursar.ledger;

public enum ExportFormat {
    JSONL, CSV
}
