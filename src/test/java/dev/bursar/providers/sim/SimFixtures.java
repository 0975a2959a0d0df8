package dev.bursar.providers.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.config.ProviderConfig;
import dev.bursar.config.ProviderType;
import dev.bursar.config.SimConfig;
import dev.bursar.providers.ChatCall;
import dev.bursar.providers.ProviderReply;
import dev.bursar.providers.StreamSink;
import dev.bursar.testing.Golden;
import dev.bursar.wire.ClientWire;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builders shared by the sim tests. */
final class SimFixtures {

    static final String MODEL = "gpt-4o-mini";

    private SimFixtures() {
    }

    static SimProvider sim() {
        return sim(SimConfig.defaults());
    }

    static SimProvider sim(SimConfig config) {
        return new SimProvider(new ProviderConfig("sim", ProviderType.SIM, null, null, Map.of(), null, config));
    }

    static SimProvider sim(SimConfig config, Clock clock) {
        return new SimProvider(new ProviderConfig("sim", ProviderType.SIM, null, null, Map.of(), null, config), clock);
    }

    static ObjectNode chatRequest() {
        return Golden.json("client/openai-chat-request.json");
    }

    static ObjectNode streamRequest() {
        return Golden.json("client/openai-stream-request.json");
    }

    static ChatCall call(ObjectNode body) {
        return call(body, Map.of(), Duration.ofSeconds(10));
    }

    static ChatCall call(ObjectNode body, Map<String, String> hints, Duration timeout) {
        return new ChatCall(ClientWire.OPENAI, body, MODEL, timeout, hints);
    }

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2025-07-01T12:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

}
