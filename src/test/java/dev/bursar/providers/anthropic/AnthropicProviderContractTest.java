package dev.bursar.providers.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bursar.config.ProviderConfig;
import dev.bursar.providers.Provider;
import dev.bursar.providers.ProviderContractTest;
import dev.bursar.providers.ProviderException;
import dev.bursar.providers.UpstreamHttp;
import dev.bursar.testing.FakeUpstream;
import dev.bursar.testing.FakeUpstream.Reply;
import dev.bursar.testing.Golden;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The shared battery for an OpenAI client reaching Anthropic: every request and answer is translated. */
class AnthropicProviderContractTest extends ProviderContractTest {

    static final Clock FIXED_CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    static final String MODEL = "claude-sonnet-4-5-20250929";

    @Override
    protected Provider newProvider(ProviderConfig config) {
        return new AnthropicProvider(config, http, FIXED_CLOCK);
    }

    @Override
    protected String type() {
        return "anthropic";
    }

    @Override
    protected String upstreamModel() {
        return MODEL;
    }

    @Override
    protected String chatPath() {
        return "/v1/messages";
    }

    @Override
    protected String errorBody(int status, String message) {
        return errorBodyOf(status, message);
    }

    /** Anthropic's error body, with the error type Anthropic documents for each status. */
    static String errorBodyOf(int status, String message) {
        String type = switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 529 -> "overloaded_error";
            default -> "api_error";
        };
        var body = Golden.JSON.createObjectNode().put("type", "error");
        body.putObject("error").put("type", type).put("message", message);
        body.put("request_id", "req_011CSHoEeqs5C35K2UUqR7Fy");
        return body.toString();
    }

    @Override
    protected void assertUpstreamRequest(FakeUpstream.Recorded request) {
        assertKeyOnlyIn(request, "x-api-key", "Anthropic takes the key in x-api-key only");
        assertThat(request.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(request.json()).isEqualTo(Golden.json("anthropic/chat-upstream-request.json"));
    }

    @Test
    void overloaded_529_is_a_retriable_upstream_error_with_anthropics_message() {
        upstream.on(chatPath(), Reply.json(529, Golden.text("anthropic/error-overloaded.json")));

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> provider(Duration.ofSeconds(5)).chat(call("openai-chat-request.json", Duration.ofSeconds(5))));

        assertThat(e).isNotNull();
        assertThat(e.error().kind()).isEqualTo("upstream_error");
        assertThat(e.error().upstreamStatus()).isEqualTo(529);
        assertThat(e.error().retriable()).isTrue();
        assertThat(e.error().message()).contains("Overloaded").contains("overloaded_error");
    }
}
