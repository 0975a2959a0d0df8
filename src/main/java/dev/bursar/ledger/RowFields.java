package dev.bursar.ledger;

import java.util.Map;

/** One row's fields as {@code /admin/ledger} exports them (names, order, money as exact decimals). */
public final class RowFields {

    private RowFields() {
    }

    public static Map<String, Object> of(UsageEvent event) {
        return Exporter.fields(event);
    }
}
