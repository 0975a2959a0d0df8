package dev.bursar.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.gateway.Responder;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * One line's run: receives the request path's answer as a {@link Responder}, keeps it in the part file and counts
 * what the line's attempts were booked at. An answer is kept <em>before</em> it is booked (the gateway books inside
 * {@link #whole(int, BursarHeaders, byte[], Delivery)}), so a line that was booked always has its result.
 */
final class LineRun implements Responder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int index;
    private final String customId;
    private final String requestId;
    private final String resultId;
    private final PartFile part;
    private BigDecimal cost = BigDecimal.ZERO;
    private BigDecimal saved = BigDecimal.ZERO;
    private long inputTokens;
    private long outputTokens;
    private boolean ok;

    LineRun(int index, String customId, String requestId, String resultId, PartFile part) {
        this.index = index;
        this.customId = customId;
        this.requestId = requestId;
        this.resultId = resultId;
        this.part = part;
    }

    /** Told by the request path for every booked attempt of this line. */
    synchronized void attempt(BigDecimal costUsd, BigDecimal savedUsd) {
        cost = cost.add(costUsd);
        saved = saved.add(savedUsd);
    }

    synchronized LineTotals totals() {
        return new LineTotals(inputTokens, outputTokens, cost, saved);
    }

    boolean ok() {
        return ok;
    }

    @Override
    public void whole(int status, BursarHeaders headers, byte[] jsonBody) {
        keep(status, jsonBody);
    }

    @Override
    public boolean whole(int status, BursarHeaders headers, byte[] jsonBody, Delivery beforeLastByte) {
        keep(status, jsonBody);
        beforeLastByte.clientThere(true);
        return true;
    }

    @Override
    public EventStream openStream(BursarHeaders headers) {
        throw new IllegalStateException("a batch line is never streamed");
    }

    private void keep(int status, byte[] jsonBody) {
        JsonNode body;
        try {
            body = JSON.readTree(jsonBody);
        } catch (IOException e) {
            body = JSON.getNodeFactory().textNode(new String(jsonBody, java.nio.charset.StandardCharsets.UTF_8));
        }
        ok = status == 200;
        if (ok) {
            JsonNode usage = body.path("usage");
            synchronized (this) {
                inputTokens = usage.path("prompt_tokens").asLong(0);
                outputTokens = usage.path("completion_tokens").asLong(0);
            }
        }
        part.result(index, ok, line(resultId, customId, requestId, status, body));
    }

    /** A line of the output or error file, in OpenAI's shape. */
    static ObjectNode line(String id, String customId, String requestId, int status, JsonNode body) {
        ObjectNode line = JSON.createObjectNode();
        line.put("id", id);
        line.put("custom_id", customId);
        ObjectNode response = line.putObject("response");
        response.put("status_code", status);
        response.put("request_id", requestId);
        response.set("body", body);
        line.putNull("error");
        return line;
    }

    /** A line that never ran (the batch expired first): no response, an error saying why. */
    static ObjectNode unrun(String id, String customId, String code, String message) {
        ObjectNode line = JSON.createObjectNode();
        line.put("id", id);
        line.put("custom_id", customId);
        line.putNull("response");
        line.putObject("error").put("code", code).put("message", message);
        return line;
    }
}
