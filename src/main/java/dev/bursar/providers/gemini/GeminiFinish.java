package dev.bursar.providers.gemini;

/** Gemini's {@code finishReason} in OpenAI's vocabulary. */
final class GeminiFinish {

    private GeminiFinish() {
    }

    /** {@code hasToolCalls}: OpenAI reports {@code tool_calls} when the turn ended by calling tools. */
    static String toOpenAi(String geminiReason, boolean hasToolCalls) {
        if (hasToolCalls) {
            return "tool_calls";
        }
        return switch (geminiReason) {
            case "MAX_TOKENS" -> "length";
            case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY" -> "content_filter";
            default -> "stop";
        };
    }
}
