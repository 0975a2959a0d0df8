package dev.bursar.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.attribution.Attribution;
import dev.bursar.cache.CacheOutcome;
import dev.bursar.cache.CachedAnswer;
import dev.bursar.cache.EntryKey;
import dev.bursar.cache.ResponseCache;
import dev.bursar.ledger.Endpoint;
import dev.bursar.ledger.ExportFormat;
import dev.bursar.ledger.ExportQuery;
import dev.bursar.ledger.Ledger;
import dev.bursar.ledger.SpendQuery;
import dev.bursar.ledger.SpendRow;
import dev.bursar.ledger.UsageEvent;
import dev.bursar.metrics.Metrics;
import dev.bursar.pricing.CostCalculator;
import dev.bursar.pricing.PriceCatalog;
import dev.bursar.pricing.Usage;
import dev.bursar.routing.Route;
import dev.bursar.testing.Golden;
import dev.bursar.wire.ClientWire;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How a whole answer from the cache reaches its client and the ledger. */
class CacheHitsTest {

    /** What happened, in order: ledger rows and writes to the client. */
    final List<String> happened = new ArrayList<>();

    @Test
    void a_whole_hit_is_booked_before_its_first_byte_and_written_at_once() throws Exception {
        CacheHits hits = new CacheHits(ResponseCache.off(Clock.systemUTC()), Set.of(),
                new Settlement(new CostCalculator(PriceCatalog.bundled()), new RecordingLedger(), new Metrics()),
                new CostCalculator(PriceCatalog.bundled()), Clock.systemUTC(), new Metrics());
        byte[] kept = "{\"object\":\"chat.completion\",\"choices\":[]}".getBytes(StandardCharsets.UTF_8);
        CachedAnswer answer = new CachedAnswer(ClientWire.OPENAI, kept, Usage.of(24, 42), "gpt-4o-mini", "fake",
                Clock.systemUTC().instant(), "acme", null);
        ResponseCache.Lookup hit = new ResponseCache.Lookup(CacheOutcome.HIT_EXACT, new EntryKey("h", "acme"),
                Optional.empty(), ClientWire.OPENAI, Endpoint.CHAT, false, answer);
        Inbound in = new Inbound(ClientWire.OPENAI, Endpoint.CHAT,
                (ObjectNode) Golden.JSON.readTree("{\"model\":\"gpt-4o-mini\",\"messages\":[]}"), h -> null, "key",
                System.nanoTime());
        Route route = new Route("gpt-4o-mini", "gpt-4o-mini", null, "gpt-4o-mini", "configured", null);
        Attribution who = new Attribution("k1", "acme", null, null, null, null, null);

        int status = hits.serve("req_1", in, who, route, hit, false, new RecordingResponder());

        // No probe for a client that left (two extra writes; a provider's answer this fast is not probed either):
        // the row is durable first, then the answer goes out in one write.
        assertThat(status).isEqualTo(200);
        assertThat(happened).containsExactly("ledger row hit-exact", "whole 200 hit-exact");
    }

    private final class RecordingLedger implements Ledger {
        @Override
        public void append(UsageEvent event) {
            happened.add("ledger row " + event.call().cacheOutcome());
        }

        @Override
        public List<SpendRow> spend(SpendQuery query) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void export(ExportQuery query, ExportFormat format, OutputStream out) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<UsageEvent> latest(dev.bursar.ledger.LatestQuery query) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long count() {
            return happened.size();
        }

        @Override
        public void close() {
        }
    }

    private final class RecordingResponder implements Responder {
        @Override
        public void whole(int status, BursarHeaders headers, byte[] jsonBody) {
            happened.add("whole " + status + " " + headers.extra().get(CacheHits.CACHE_HEADER));
        }

        @Override
        public boolean whole(int status, BursarHeaders headers, byte[] jsonBody, Delivery beforeLastByte) {
            happened.add("probe: first bytes written");
            beforeLastByte.clientThere(true);
            happened.add("probe: last byte written");
            return true;
        }

        @Override
        public EventStream openStream(BursarHeaders headers) {
            throw new UnsupportedOperationException("a whole hit opens no stream");
        }
    }
}
