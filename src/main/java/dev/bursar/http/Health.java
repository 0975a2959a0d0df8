package dev.bursar.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code GET /health}: anyone may learn that the gateway is up; what it runs on (storage, version, uptime) helps an
 * attacker more than a load balancer, so it needs the master key.
 */
final class Health implements Handler {

    /** Bursar's version, as {@code bursar --version} prints it. */
    public static final String VERSION = dev.bursar.config.BuildInfo.version();

    private static final byte[] UP = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);

    private final byte[] masterKey;
    private final String storage;
    private final Clock clock;
    private final Instant started;
    private final ObjectMapper json;

    Health(String masterKey, String storage, Clock clock, ObjectMapper json) {
        this.masterKey = masterKey.getBytes(StandardCharsets.UTF_8);
        this.storage = storage;
        this.clock = clock;
        this.started = clock.instant();
        this.json = json;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        String presented = WireEndpoints.credential(req);
        if (presented == null || !MessageDigest.isEqual(masterKey, presented.getBytes(StandardCharsets.UTF_8))) {
            res.send(UP);
            return;
        }
        ObjectNode out = json.createObjectNode();
        out.put("status", "ok");
        out.put("version", VERSION);
        out.put("storage", storage);
        out.put("uptime_seconds", Duration.between(started, clock.instant()).toSeconds());
        res.send(out.toString().getBytes(StandardCharsets.UTF_8));
    }
}
