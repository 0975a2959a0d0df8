package dev.bursar.books;

import java.util.Arrays;

/** What {@code bursar margin --group-by} and {@code /admin/margin?group_by=} take. */
public enum MarginGroup {
    CUSTOMER, PLAN, FEATURE;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static MarginGroup parse(String text) {
        String t = text == null || text.isBlank() ? "customer" : text.trim().toLowerCase(java.util.Locale.ROOT);
        return Arrays.stream(values()).filter(g -> g.wireName().equals(t)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("group by customer, plan or feature, got '" + text + "'"));
    }
}
