package dev.bursar.ratelimits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class StoreOutageTest {

    @Test
    void an_outage_is_logged_once_a_minute_not_once_a_call_and_pauses_calls_to_the_store() {
        List<String> logged = new ArrayList<>();
        Logger logger = Logger.getLogger(StoreOutage.class.getName());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(capture);
        try {
            StoreOutage outage = new StoreOutage(Duration.ofMinutes(5));

            for (int i = 0; i < 100; i++) {
                outage.failed(new IllegalStateException("connection refused"));
            }

            assertThat(logged).hasSize(1).first().asString().contains("connection refused");
            assertThat(outage.pausing()).isTrue();
            outage.recovered();
            assertThat(outage.pausing()).isFalse();
        } finally {
            logger.removeHandler(capture);
        }
    }
}
