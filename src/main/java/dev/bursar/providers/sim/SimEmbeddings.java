package dev.bursar.providers.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.pricing.Usage;
import dev.bursar.providers.ProviderError;
import dev.bursar.providers.ProviderException;
import dev.bursar.tokens.TokenCounter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;

/**
 * OpenAI-shaped embeddings: one unit-length vector per input, derived from a hash of the input, so equal texts get
 * equal vectors. {@value #DEFAULT_DIMENSIONS} dimensions unless the request sets {@code dimensions};
 * {@code encoding_format: base64} gives little-endian float32 as OpenAI does.
 */
final class SimEmbeddings {

    static final int DEFAULT_DIMENSIONS = 256;
    private static final int MAX_DIMENSIONS = 8192;

    record Result(ObjectNode body, Usage usage) {
    }

    private SimEmbeddings() {
    }

    static Result embed(String provider, JsonNode request, String model) {
        TokenCounter counter = TokenCounter.forModel(model);
        int dimensions = request.path("dimensions").asInt(DEFAULT_DIMENSIONS);
        if (dimensions < 1 || dimensions > MAX_DIMENSIONS) {
            throw new ProviderException(new ProviderError.BadRequest(provider, 400,
                    "dimensions must be between 1 and " + MAX_DIMENSIONS + ", got " + dimensions, null));
        }
        boolean base64 = "base64".equals(request.path("encoding_format").asText());
        List<String> inputs = new ArrayList<>();
        long tokens = 0;
        for (JsonNode input : inputs(provider, request.path("input"))) {
            if (input.isTextual()) {
                inputs.add(input.asText());
                tokens += counter.count(input.asText());
            } else {
                inputs.add(input.toString());
                tokens += input.size();
            }
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("object", "list");
        ArrayNode data = body.putArray("data");
        for (int i = 0; i < inputs.size(); i++) {
            ObjectNode item = data.addObject();
            item.put("object", "embedding");
            item.put("index", i);
            float[] vector = vector(inputs.get(i), dimensions);
            if (base64) {
                item.put("embedding", base64(vector));
            } else {
                ArrayNode values = item.putArray("embedding");
                for (float v : vector) {
                    values.add(v);
                }
            }
        }
        body.put("model", model);
        ObjectNode usage = body.putObject("usage");
        usage.put("prompt_tokens", tokens);
        usage.put("total_tokens", tokens);
        return new Result(body, Usage.of(tokens, 0));
    }

    /** {@code input} is a string, an array of strings, an array of token ids, or an array of such arrays. */
    private static List<JsonNode> inputs(String provider, JsonNode input) {
        if (input.isTextual()) {
            return List.of(input);
        }
        if (input.isArray() && !input.isEmpty()) {
            if (input.get(0).isNumber()) {
                return List.of(input);
            }
            List<JsonNode> all = new ArrayList<>();
            input.forEach(all::add);
            return all;
        }
        throw new ProviderException(new ProviderError.BadRequest(provider, 400,
                "embeddings need 'input': a string, an array of strings or an array of token arrays", null));
    }

    static float[] vector(String text, int dimensions) {
        SplittableRandom random = new SplittableRandom(ByteBuffer.wrap(SimPlanner.sha256(text)).getLong());
        float[] v = new float[dimensions];
        double norm = 0;
        for (int i = 0; i < dimensions; i++) {
            double x = random.nextDouble(-1, 1);
            v[i] = (float) x;
            norm += x * x;
        }
        double scale = 1 / Math.sqrt(norm);
        for (int i = 0; i < dimensions; i++) {
            v[i] = (float) (v[i] * scale);
        }
        return v;
    }

    private static String base64(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : vector) {
            bytes.putFloat(f);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }
}
