package dev.bursar.config;

/**
 * A paying (or free) customer (issue 11, part 2), as written under {@code customers:}: the {@code id} is the
 * ledger's customer tag.
 */
public record CustomerConfig(String id, String plan, Integer seats) {

    public CustomerConfig {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id is required (the customer tag the ledger records)");
        }
        if (plan == null || plan.isBlank()) {
            throw new IllegalArgumentException("customer '" + id + "': plan is required");
        }
        seats = seats == null ? 1 : seats;
        if (seats < 0) {
            throw new IllegalArgumentException("customer '" + id + "': seats cannot be negative");
        }
    }
}
