package dev.bursar.tiers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * The running gateway, as the eval speaks to it: OpenAI chat completions, whole answers, the eval's feature tag on
 * every call ({@code X-Bursar-Feature}) so its spend stands apart in the ledger, and the cache off
 * ({@code X-Bursar-Cache: off}) so every answer is the model's own and every cost is a real call's. The cost is the
 * gateway's own exact figure, {@code X-Bursar-Cost-Usd}.
 */
public final class EvalGateway implements AutoCloseable {

    /** Where and how to reach the gateway: {@code baseUrl} is its root; {@code key} may be null (open mode). */
    public record Target(URI baseUrl, String key, String feature, Duration timeout) {
    }

    /** One call's outcome: an answer, or the gateway's refusal; either may have cost something. */
    public sealed interface Result {
        BigDecimal costUsd();
    }

    public record Answered(String text, BigDecimal costUsd) implements Result {
    }

    public record Failed(String error, BigDecimal costUsd) implements Result {
    }

    /** The gateway cannot be reached, or refuses the key: nothing the eval could report would mean anything. */
    public static final class Unusable extends RuntimeException {
        public Unusable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR_TEXT = 300;

    private final Target target;
    private final HttpClient http;

    public EvalGateway(Target target) {
        this.target = target;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Asks {@code model} through the gateway; {@code maxTokens} null sends none. */
    public Result chat(String model, ArrayNode messages, Integer maxTokens) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        body.set("messages", messages);
        if (maxTokens != null) {
            body.put("max_tokens", maxTokens);
        }
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(target.baseUrl().toString().replaceAll("/+$", "") + "/v1/chat/completions"))
                .timeout(target.timeout())
                .header("Content-Type", "application/json")
                .header("X-Bursar-Feature", target.feature())
                .header("X-Bursar-Cache", "off")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (target.key() != null) {
            req.header("Authorization", "Bearer " + target.key());
        }
        HttpResponse<String> res;
        try {
            res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            return new Failed("no answer within " + target.timeout().toSeconds() + " s", BigDecimal.ZERO);
        } catch (ConnectException e) {
            throw new Unusable("cannot reach the gateway at " + target.baseUrl() + " (is `bursar serve` running? --url)", e);
        } catch (IOException e) {
            return new Failed("connection failed: " + e.getMessage(), BigDecimal.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unusable("interrupted", e);
        }
        return result(res);
    }

    private Result result(HttpResponse<String> res) {
        BigDecimal cost = res.headers().firstValue("X-Bursar-Cost-Usd").map(EvalGateway::money).orElse(BigDecimal.ZERO);
        if (res.statusCode() == 401 || res.statusCode() == 403) {
            throw new Unusable("the gateway at " + target.baseUrl() + " refused the key (" + res.statusCode() + "): "
                    + errorText(res.body()) + " (--key or BURSAR_API_KEY)", null);
        }
        if (res.statusCode() != 200) {
            return new Failed(res.statusCode() + " " + errorText(res.body()), cost);
        }
        Optional<String> text = answerText(res.body());
        return text.<Result>map(t -> new Answered(t, cost))
                .orElseGet(() -> new Failed("the answer has no choices[0].message", cost));
    }

    private static Optional<String> answerText(String body) {
        try {
            JsonNode message = JSON.readTree(body).path("choices").path(0).path("message");
            return message.isObject() ? Optional.of(message.path("content").asText("")) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static BigDecimal money(String header) {
        try {
            return new BigDecimal(header.strip());
        } catch (NumberFormatException e) {
            return BigDecimal.ZERO;
        }
    }

    /** The error's message in OpenAI's shape, else the body's start. */
    private static String errorText(String body) {
        String text;
        try {
            text = JSON.readTree(body).path("error").path("message").asText(body);
        } catch (IOException e) {
            text = body;
        }
        return text.length() > MAX_ERROR_TEXT ? text.substring(0, MAX_ERROR_TEXT) + "…" : text;
    }

    @Override
    public void close() {
        http.close();
    }
}
