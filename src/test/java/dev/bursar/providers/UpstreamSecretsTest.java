package dev.bursar.providers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What counts as a secret in upstream text, and that ordinary text comes through unchanged. */
class UpstreamSecretsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bearer token          | Incorrect API key provided: Bearer abcdefgh12345678.           | Incorrect API key provided: Bearer [redacted].
            openai key            | Incorrect API key provided: sk-proj-Q8xW2mZr7TyU4vB1nK9s.      | Incorrect API key provided: [redacted].
            anthropic key         | invalid x-api-key sk-ant-api03-Zx81Lq0Pw7Ke2Rt5Yb               | invalid x-api-key [redacted]
            google key            | API key not valid: AIzaSyD4f8Gk2Lm9Np3Qr7St1Uv5Wx0Yz6Ab2Cd      | API key not valid: [redacted]
            key context           | The api_key provided: 6f1c2e9a7b3d4f5a8c0e1d2b3a4f5e6d is wrong | The api_key provided: [redacted] is wrong
            json key context      | {"api_key": "a1b2c3d4e5f6a7b8c9d0e1f2"}                        | {"api_key": "[redacted]"}
            """)
    void credential_shaped_text_is_redacted(String name, String upstream, String passedOn) {
        assertThat(UpstreamSecrets.redact(upstream)).isEqualTo(passedOn);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            rate limit message    | Rate limit reached for gpt-4o in organization org-sim on tokens per min (TPM): Limit 30000, Used 30000.
            masked key from openai| Incorrect API key provided: sk-proj-********************abcd.
            long words after key  | The key authentication-configuration-mismatch is not allowed
            model names           | The model claude-3-5-sonnet-20241022 does not exist or you do not have access to it.
            max tokens            | max_tokens: 128000 is too large; this model supports at most 16384 completion tokens
            """)
    void ordinary_upstream_text_is_left_alone(String name, String upstream) {
        assertThat(UpstreamSecrets.redact(upstream)).isEqualTo(upstream);
    }

    @Test
    void a_configured_secret_is_redacted_whatever_its_shape() {
        UpstreamSecrets.remember("plain.vllm.password");

        assertThat(UpstreamSecrets.redact("auth failed for plain.vllm.password (vllm)")).isEqualTo("auth failed for [redacted] (vllm)");
    }

    @Test
    void environment_secrets_are_remembered_by_the_name_of_their_variable() {
        UpstreamSecrets.rememberEnvironment(Map.of("MISTRAL_API_KEY", "mistral.plainkey", "WORKSPACE_DIR", "bursar-data/someone-long"));

        assertThat(UpstreamSecrets.redact("bad key mistral.plainkey")).isEqualTo("bad key [redacted]");
        assertThat(UpstreamSecrets.redact("cannot read bursar-data/someone-long")).isEqualTo("cannot read bursar-data/someone-long");
    }

    @Test
    void every_provider_exception_carries_redacted_text() {
        var e = new ProviderException(ProviderError.fromStatus("up", 401,
                "Incorrect API key provided: Bearer sk-live-Q8xW2mZr7TyU4vB1nK9s", "{\"error\":\"Bearer sk-live-Q8xW2mZr7TyU4vB1nK9s\"}"));

        assertThat(e.error().message()).doesNotContain("Q8xW2mZr7TyU4vB1nK9s");
        assertThat(e.error().rawBody()).doesNotContain("Q8xW2mZr7TyU4vB1nK9s");
        assertThat(e.getMessage()).doesNotContain("Q8xW2mZr7TyU4vB1nK9s");
    }
}
