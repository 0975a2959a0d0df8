package dev.bursar.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A burst of reads waits for pooled connections instead of opening one each (PostgreSQL allows 100 in all). */
class DatabasePoolTest {

    @Test
    void two_hundred_concurrent_reads_all_succeed_on_at_most_the_pool_size_of_connections() throws Exception {
        String schema = "pool_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Database db = Database.postgres(TestStorage.PG_URL, schema)) {
            AtomicInteger ok = new AtomicInteger();
            AtomicInteger mostSeen = new AtomicInteger();
            List<Thread> readers = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                readers.add(Thread.startVirtualThread(() -> {
                    int open = db.read(c -> {
                        try (Statement st = c.createStatement();
                             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity, pg_sleep(0.02)"
                                     + " WHERE query LIKE '%pg_sleep(0.02)%' AND state = 'active'")) {
                            rs.next();
                            return rs.getInt(1);
                        }
                    });
                    mostSeen.accumulateAndGet(open, Math::max);
                    ok.incrementAndGet();
                }));
            }
            for (Thread t : readers) {
                t.join();
            }
            assertThat(ok).hasValue(200);
            assertThat(mostSeen.get()).isPositive().isLessThanOrEqualTo(Database.MAX_IN_USE);
            try (var c = db.connect(); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }
}
