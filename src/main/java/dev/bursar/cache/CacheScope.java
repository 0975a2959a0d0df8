package dev.bursar.cache;

import dev.bursar.attribution.Attribution;
import java.util.List;

/**
 * Who may be given an entry. The tenant is always part of it: the request's customer, or without one its key (two
 * keys without a customer are two tenants), unless {@code share-across-customers: true} says everyone shares. The
 * configured scope tags ({@code scope: [customer, feature]}) are added; a missing tag is its own value, never a
 * wildcard.
 *
 * @param key      the text every key of this scope is hashed with
 * @param customer the customer, or "" (purge finds entries by it)
 */
public record CacheScope(String key, String customer) {

    static CacheScope of(Attribution who, List<String> tags, boolean shareAcrossCustomers) {
        StringBuilder key = new StringBuilder(64);
        String customer = blank(who.customer());
        if (shareAcrossCustomers) {
            key.append("tenant=*");
        } else if (!customer.isEmpty()) {
            key.append("customer=").append(customer);
        } else {
            key.append("key=").append(blank(who.keyId()));
        }
        for (String tag : tags) {
            if (tag.equals("customer")) {
                continue;
            }
            key.append('\u0001').append(tag).append('=').append(value(who, tag));
        }
        return new CacheScope(key.toString(), customer);
    }

    private static String value(Attribution who, String tag) {
        return blank(switch (tag) {
            case "user" -> who.user();
            case "team" -> who.team();
            case "feature" -> who.feature();
            case "environment" -> who.environment();
            case "prompt-version" -> who.promptVersion();
            case "key" -> who.keyId();
            default -> throw new IllegalArgumentException("unknown scope tag " + tag);
        });
    }

    private static String blank(String s) {
        return s == null ? "" : s;
    }
}
