package dev.bursar.ledger;

/** A row's cache outcome as reports and exports name it: miss, hit-exact, hit-semantic or off. */
final class CacheLabel {

    private CacheLabel() {
    }

    /** Rows written before the cache existed say "none" (now "off"); early rows used underscores. */
    static String of(String stored) {
        if (stored == null || stored.isEmpty() || stored.equals("none")) {
            return "off";
        }
        return stored.replace('_', '-');
    }
}
