package dev.bursar.pricing;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shortest prompt prefix a provider caches for a model: a {@code cache_control} breakpoint on a shorter prefix is
 * accepted and ignored (nothing written, nothing read, no charge). Anthropic's list (prompt-caching docs, 2026):
 * 4,096 tokens for Claude Opus 4.5 and later and Haiku 4.5 and later; 2,048 for Sonnet 4.6 and later and for Haiku
 * 3 / 3.5; 1,024 for the other Claude models (Sonnet 3.7 to 4.5, Opus 3 to 4.1). OpenAI caches prompts from 1,024
 * tokens on, which is also the answer for any model this table does not know.
 */
public final class PromptCacheMinimum {

    public static final int DEFAULT_TOKENS = 1024;

    /** {@code claude-sonnet-4-5-20250929}, {@code claude-opus-4-1}, {@code claude-haiku-4-5}: family, major, minor. */
    private static final Pattern NEW_NAMES = Pattern.compile("claude-(opus|sonnet|haiku)-(\\d+)(?:-(\\d)(?!\\d))?");
    /** {@code claude-3-5-haiku-20241022}, {@code claude-3-opus-20240229}: major, minor, family. */
    private static final Pattern OLD_NAMES = Pattern.compile("claude-(\\d+)(?:-(\\d)(?!\\d))?-(opus|sonnet|haiku)");

    private PromptCacheMinimum() {
    }

    /** The minimum cacheable prefix of a model (catalog id or upstream name; a provider prefix is ignored). */
    public static int tokens(String model) {
        String name = model == null ? "" : model.toLowerCase(Locale.ROOT);
        name = name.substring(name.lastIndexOf('/') + 1);
        Matcher m = NEW_NAMES.matcher(name);
        if (m.find()) {
            return claude(m.group(1), version(m.group(2), m.group(3)));
        }
        m = OLD_NAMES.matcher(name);
        if (m.find()) {
            return claude(m.group(3), version(m.group(1), m.group(2)));
        }
        return DEFAULT_TOKENS;
    }

    /** Version as major × 10 + minor (4.5 -> 45): every Claude minor version so far is one digit. */
    private static int version(String major, String minor) {
        return Integer.parseInt(major) * 10 + (minor == null ? 0 : Integer.parseInt(minor));
    }

    private static int claude(String family, int version) {
        return switch (family) {
            case "opus" -> version >= 45 ? 4096 : 1024;
            case "haiku" -> version >= 45 ? 4096 : 2048;
            default -> version >= 46 ? 2048 : 1024;
        };
    }
}
