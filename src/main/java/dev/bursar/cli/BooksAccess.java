package dev.bursar.cli;

import dev.bursar.Stores;
import dev.bursar.books.Books;
import dev.bursar.config.BursarConfig;
import dev.bursar.config.ConfigLoader;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;

/** Opens the books on the storage {@code serve} uses (the config's costs, plans and customers included). */
final class BooksAccess {

    private BooksAccess() {
    }

    static <T> T with(String config, Map<String, String> env, Function<Books, T> work) {
        BursarConfig cfg = ConfigLoader.resolve(config, env);
        try (Stores s = Stores.open(cfg.storage())) {
            return work.apply(open(cfg, s));
        }
    }

    static Books open(BursarConfig cfg, Stores s) {
        return new Books(s.database(), s.ledger(), cfg.costs(), cfg.plans(), cfg.customers(), Clock.systemUTC());
    }
}
