package dev.bursar.providers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Closeable;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamGapWatchdogTest {

    private static final Duration GAP = Duration.ofMillis(100);

    private final StreamGapTimer timer = new StreamGapTimer();

    @AfterEach
    void stopTimer() {
        timer.close();
    }

    /** An upstream body that only records being closed. */
    private static final class Body implements Closeable {
        final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public void close() {
            closed.countDown();
        }
    }

    @Test
    void a_wait_longer_than_the_gap_closes_the_body_and_reports_it_fired() throws Exception {
        Body body = new Body();
        try (StreamGapWatchdog dog = timer.watch(body, GAP)) {
            assertThat(body.closed.await(2, TimeUnit.SECONDS)).isTrue();
            assertThat(dog.fired()).isTrue();
        }
    }

    @Test
    void time_spent_between_received_and_waiting_does_not_count_as_silence() throws Exception {
        Body body = new Body();
        try (StreamGapWatchdog dog = timer.watch(body, GAP)) {
            dog.received();
            // A slow client takes the event. The sleep is the point: real time must pass with no wait armed.
            Thread.sleep(GAP.toMillis() * 3);

            assertThat(body.closed.getCount()).isEqualTo(1);
            assertThat(dog.fired()).isFalse();
            dog.waiting();
            assertThat(body.closed.await(2, TimeUnit.SECONDS)).as("the next wait is bounded again").isTrue();
        }
    }

    @Test
    void a_closed_watchdog_never_closes_the_body() throws Exception {
        Body body = new Body();
        StreamGapWatchdog dog = timer.watch(body, GAP);
        dog.close();

        assertThat(body.closed.await(GAP.toMillis() * 3, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(dog.fired()).isFalse();
    }

    @Test
    void an_event_after_the_watchdog_fired_does_not_undo_the_timeout() throws Exception {
        Body body = new Body();
        try (StreamGapWatchdog dog = timer.watch(body, GAP)) {
            body.closed.await(2, TimeUnit.SECONDS);
            dog.received();
            dog.waiting();

            assertThat(dog.fired()).isTrue();
        }
    }
}
