package dev.bursar.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/**
 * The attribute names: the OpenTelemetry GenAI semantic conventions' ({@code gen_ai.*}, status Development, as last
 * published in open-telemetry/semantic-conventions) and Bursar's own ({@code bursar.*}: cost has no convention yet).
 */
final class GenAi {

    private GenAi() {
    }

    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
    static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    static final AttributeKey<Boolean> REQUEST_STREAM = AttributeKey.booleanKey("gen_ai.request.stream");
    static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
    static final AttributeKey<List<String>> FINISH_REASONS = AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
    static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    static final AttributeKey<Long> CACHE_READ_TOKENS = AttributeKey.longKey("gen_ai.usage.cache_read.input_tokens");
    static final AttributeKey<Long> CACHE_CREATION_TOKENS = AttributeKey.longKey("gen_ai.usage.cache_creation.input_tokens");
    static final AttributeKey<Long> REASONING_TOKENS = AttributeKey.longKey("gen_ai.usage.reasoning.output_tokens");
    static final AttributeKey<String> TOKEN_TYPE = AttributeKey.stringKey("gen_ai.token.type");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");

    /** Exact cost in USD: the BigDecimal's plain text ({@code toPlainString}), never a double. */
    static final AttributeKey<String> BURSAR_COST = AttributeKey.stringKey("bursar.cost_usd");
    static final AttributeKey<String> BURSAR_SAVED = AttributeKey.stringKey("bursar.saved_usd");
    static final AttributeKey<String> BURSAR_REQUEST_ID = AttributeKey.stringKey("bursar.request_id");
    static final AttributeKey<String> BURSAR_PROVIDER = AttributeKey.stringKey("bursar.provider");
    static final AttributeKey<String> BURSAR_PRICE_MODEL = AttributeKey.stringKey("bursar.price_model");
    static final AttributeKey<Long> BURSAR_ATTEMPT = AttributeKey.longKey("bursar.attempt");
    static final AttributeKey<Long> BURSAR_ATTEMPTS = AttributeKey.longKey("bursar.attempts");
    static final AttributeKey<String> BURSAR_ROUTE = AttributeKey.stringKey("bursar.route");
    static final AttributeKey<String> BURSAR_CACHE = AttributeKey.stringKey("bursar.cache");
    static final AttributeKey<String> BURSAR_KEY_ID = AttributeKey.stringKey("bursar.key_id");
    static final AttributeKey<String> BURSAR_CUSTOMER = AttributeKey.stringKey("bursar.customer");
    static final AttributeKey<String> BURSAR_USER = AttributeKey.stringKey("bursar.user");
    static final AttributeKey<String> BURSAR_TEAM = AttributeKey.stringKey("bursar.team");
    static final AttributeKey<String> BURSAR_FEATURE = AttributeKey.stringKey("bursar.feature");
    static final AttributeKey<String> BURSAR_ENVIRONMENT = AttributeKey.stringKey("bursar.environment");
    static final AttributeKey<String> BURSAR_PROMPT_VERSION = AttributeKey.stringKey("bursar.prompt_version");
}
