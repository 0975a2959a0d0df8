package dev.bursar.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.bursar.wire.BadRequest;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.TreeSet;

/**
 * JSON of the admin API. Request bodies bind to records as strictly as bursar.yaml: an unknown field or a value of
 * the wrong type (a number, object or array where text is expected) is a 400 naming the field by its JSON path.
 * Responses are records written with {@code snake_case} names; money and times are strings in the records, so
 * money stays an exact decimal and never passes through a double.
 */
final class AdminJson {

    private static final ObjectMapper STRICT = strict();
    private static final ObjectMapper WRITER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private AdminJson() {
    }

    private static ObjectMapper strict() {
        ObjectMapper m = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
        // Jackson turns 5, 1.5 and true into "5", "1.5" and "true" by default; a tag typed as a number is a mistake.
        m.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return m;
    }

    static <T> T read(JsonNode body, Class<T> type) {
        try {
            return STRICT.treeToValue(body, type);
        } catch (UnrecognizedPropertyException e) {
            String path = path(e);
            throw BadRequest.of("unknown_field", path, "Unknown field '" + path + "'. Known fields: "
                    + String.join(", ", new TreeSet<>(e.getKnownPropertyIds().stream().map(String::valueOf).toList())) + ".");
        } catch (MismatchedInputException e) {
            String path = path(e);
            throw BadRequest.of("invalid_type", path, "Field '" + path + "' must be " + expected(e.getTargetType()) + ".");
        } catch (JsonProcessingException e) {
            String path = e instanceof JsonMappingException m ? path(m) : "";
            throw BadRequest.of("invalid_value", path.isEmpty() ? null : path,
                    "Field '" + path + "' has a bad value: " + e.getOriginalMessage());
        }
    }

    static byte[] bytes(Object response) {
        try {
            return WRITER.writeValueAsBytes(response);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("admin response " + response.getClass().getSimpleName() + " cannot be written", e);
        }
    }

    private static String expected(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == BigDecimal.class) {
            return "a decimal number, best written as a string such as \"100.00\"";
        }
        if (type != null && Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return type == null ? "of another type" : "of type " + type.getSimpleName();
    }

    /** The JSON path of the failing value as the client wrote it: {@code alert_at[1]}, {@code customer}. */
    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
