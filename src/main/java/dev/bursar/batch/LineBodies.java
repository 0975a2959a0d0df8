package dev.bursar.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.gateway.Inbound;
import dev.bursar.ledger.Endpoint;
import dev.bursar.wire.ClientWire;
import java.util.Iterator;
import java.util.Map;

/** A batch line as the request path takes it: its own body, with the batch's metadata tags under its own. */
final class LineBodies {

    private LineBodies() {
    }

    /**
     * A copy of the line's body: never streamed (a batch result is a whole answer), and the batch's {@code metadata}
     * entries added to the body's {@code metadata} where the line does not set them itself (per-line tags win).
     */
    static ObjectNode prepare(JsonNode lineBody, JsonNode batchMetadata) {
        ObjectNode body = ((ObjectNode) lineBody).deepCopy();
        body.remove("stream");
        body.remove("stream_options");
        if (batchMetadata != null && batchMetadata.isObject() && !batchMetadata.isEmpty()) {
            JsonNode existing = body.get("metadata");
            ObjectNode meta = existing instanceof ObjectNode o ? o : body.putObject("metadata");
            for (Iterator<Map.Entry<String, JsonNode>> it = batchMetadata.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!meta.has(e.getKey())) {
                    meta.set(e.getKey(), e.getValue());
                }
            }
        }
        return body;
    }

    static Inbound inbound(String endpoint, ObjectNode body) {
        return new Inbound(ClientWire.OPENAI, endpoint(endpoint), body, name -> null, null, System.nanoTime());
    }

    static Endpoint endpoint(String url) {
        return url.equals(BatchRequest.EMBEDDINGS) ? Endpoint.EMBEDDINGS : Endpoint.CHAT;
    }
}
