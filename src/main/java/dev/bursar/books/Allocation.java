package dev.bursar.books;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/** How a cost item is spread over customers; {@link #parse} reads the text form written in YAML, CLI and API. */
public sealed interface Allocation {

    /** Share of API spend (failed attempts included). */
    record BySpend() implements Allocation { }

    /** Share of requests answered. */
    record ByRequests() implements Allocation { }

    /** Share of tokens (input + output). */
    record ByTokens() implements Allocation { }

    /** Evenly over customers with any call in the period. */
    record ByActiveCustomers() implements Allocation { }

    /** Fixed shares per customer; what the shares leave (below 1) stays unallocated. */
    record Fixed(Map<String, BigDecimal> shares) implements Allocation {
        public Fixed {
            shares = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(shares));
        }
    }

    /** Stays in the totals, on no customer. */
    record Unallocated() implements Allocation { }

    /** by-spend, by-requests, by-tokens, by-active-customers, fixed:acme=0.5,globex=0.5 or unallocated. */
    static Allocation parse(String text) {
        String t = text == null ? "unallocated" : text.trim();
        return switch (t) {
            case "by-spend" -> new BySpend();
            case "by-requests" -> new ByRequests();
            case "by-tokens" -> new ByTokens();
            case "by-active-customers" -> new ByActiveCustomers();
            case "unallocated", "" -> new Unallocated();
            default -> {
                if (t.startsWith("fixed:")) {
                    yield fixed(t.substring("fixed:".length()));
                }
                throw new IllegalArgumentException("allocate must be by-spend, by-requests, by-tokens, by-active-customers,"
                        + " fixed:CUSTOMER=SHARE,... or unallocated, got '" + text + "'");
            }
        };
    }

    private static Fixed fixed(String list) {
        Map<String, BigDecimal> shares = new LinkedHashMap<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (String part : list.split(",")) {
            String[] kv = part.split("=", 2);
            if (kv.length != 2 || kv[0].isBlank()) {
                throw new IllegalArgumentException("fixed allocation takes CUSTOMER=SHARE pairs (fixed:acme=0.5,globex=0.5), got '" + part + "'");
            }
            BigDecimal share;
            try {
                share = new BigDecimal(kv[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("fixed allocation: share of '" + kv[0].trim() + "' is not a number: " + kv[1]);
            }
            if (share.signum() <= 0) {
                throw new IllegalArgumentException("fixed allocation: share of '" + kv[0].trim() + "' must be above 0");
            }
            if (shares.put(kv[0].trim(), share) != null) {
                throw new IllegalArgumentException("fixed allocation names '" + kv[0].trim() + "' twice");
            }
            sum = sum.add(share);
        }
        if (sum.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("fixed allocation shares add up to " + sum.toPlainString() + ", more than 1");
        }
        return new Fixed(shares);
    }

    /** The text form, as {@link #parse} reads it. */
    default String text() {
        return switch (this) {
            case BySpend b -> "by-spend";
            case ByRequests b -> "by-requests";
            case ByTokens b -> "by-tokens";
            case ByActiveCustomers b -> "by-active-customers";
            case Unallocated u -> "unallocated";
            case Fixed f -> "fixed:" + String.join(",", f.shares().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue().toPlainString()).toList());
        };
    }
}
