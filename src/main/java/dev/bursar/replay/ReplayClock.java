package dev.bursar.replay;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The time of the request being replayed: the cache's TTLs run on the traffic's own clock, not the wall's. */
final class ReplayClock extends Clock {

    private Instant now = Instant.EPOCH;

    void set(Instant t) {
        now = t;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
