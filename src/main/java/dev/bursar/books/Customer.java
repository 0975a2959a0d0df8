package dev.bursar.books;

import dev.bursar.config.CustomerConfig;

/** A customer (the ledger's customer tag) on a plan, with its number of seats. */
public record Customer(String id, String plan, int seats, boolean fromFile) {

    public static Customer of(CustomerConfig c, boolean fromFile) {
        return new Customer(c.id(), c.plan(), c.seats(), fromFile);
    }

    public CustomerConfig toConfig() {
        return new CustomerConfig(id, plan, seats);
    }
}
