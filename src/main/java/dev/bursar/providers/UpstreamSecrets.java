package dev.bursar.providers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from upstream text before Bursar passes it on or logs it. Upstreams echo credentials in their
 * errors ("Incorrect API key provided: Bearer sk-…"), so every {@link ProviderException} goes through
 * {@link #redact(String)}. Two rules, each replacing the secret with {@value #MARK}:
 * <ol>
 *   <li>every known secret, verbatim: provider api keys and secret-looking header values from config, and the values
 *       of environment variables named {@code *_KEY}, {@code *_TOKEN}, {@code *_SECRET} (8 characters or more, so a
 *       short value cannot blank out ordinary words);</li>
 *   <li>anything shaped like a credential: {@code Bearer <token>}, {@code sk-…} (OpenAI, Anthropic {@code sk-ant-…},
 *       DeepSeek, OpenRouter), Google's {@code AIza…}, and a token of 20 or more characters mixing letters and
 *       digits right after a word ending in key, token, secret, password or credential and an optional
 *       {@code :}, {@code =} or "provided:" (so "API key provided: 6f1c…" loses the key, "tokens per min" stays).</li>
 * </ol>
 * The set of known secrets is process-wide on purpose: one provider's error may echo another's key (a proxy in
 * front of several), and a secret redacted where it never occurs costs nothing.
 */
public final class UpstreamSecrets {

    static final String MARK = "[redacted]";
    private static final int MIN_SECRET = 8;
    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer)\\s+[A-Za-z0-9._~+/=-]{7,}[A-Za-z0-9_~+/=-]");
    private static final Pattern SHAPED = Pattern.compile(
            "(?<![A-Za-z0-9])(?:sk-[A-Za-z0-9_-]{16,}|AIza[A-Za-z0-9_-]{30,})");
    private static final Pattern KEY_CONTEXT = Pattern.compile("(?i)((?:key|token|secret|password|credential)s?"
            + "[\"']?(?:\\s+provided)?\\s*[:=]?\\s*[\"']?)([A-Za-z0-9][A-Za-z0-9._~+/=-]{18,}[A-Za-z0-9_~+/=-])");
    private static final Pattern LETTER_AND_DIGIT = Pattern.compile("(?=.*[A-Za-z])(?=.*[0-9]).*");
    /** Longest first, so a key that contains another is removed whole; replaced whole, so readers never see it half-built. */
    private static volatile List<String> known = List.of();

    private UpstreamSecrets() {
    }

    /** Adds a secret to redact verbatim; blank and short values are ignored (see the class comment). */
    public static synchronized void remember(String secret) {
        if (secret == null || secret.strip().length() < MIN_SECRET || known.contains(secret.strip())) {
            return;
        }
        List<String> sorted = new ArrayList<>(known);
        sorted.add(secret.strip());
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        known = List.copyOf(sorted);
    }

    /** Remembers the values of environment variables whose names say they hold a secret. */
    public static void rememberEnvironment(Map<String, String> env) {
        env.forEach((name, value) -> {
            String n = name.toUpperCase(Locale.ROOT);
            if (n.endsWith("_KEY") || n.endsWith("_TOKEN") || n.endsWith("_SECRET") || n.endsWith("APIKEY")) {
                remember(value);
            }
        });
    }

    /** {@code text} without known or credential-shaped secrets; null stays null. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : known) {
            if (out.contains(secret)) {
                out = out.replace(secret, MARK);
            }
        }
        out = BEARER.matcher(out).replaceAll("$1 " + MARK);
        out = SHAPED.matcher(out).replaceAll(MARK);
        return keyContext(out);
    }

    private static String keyContext(String text) {
        Matcher m = KEY_CONTEXT.matcher(text);
        StringBuilder b = new StringBuilder(text.length());
        while (m.find()) {
            String replacement = LETTER_AND_DIGIT.matcher(m.group(2)).matches() ? m.group(1) + MARK : m.group();
            m.appendReplacement(b, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(b);
        return b.toString();
    }

    /** The same error with its message and raw body redacted. */
    static ProviderError redact(ProviderError e) {
        String message = redact(e.message());
        String raw = redact(e.rawBody());
        return switch (e) {
            case ProviderError.RateLimited r -> new ProviderError.RateLimited(r.provider(), r.upstreamStatus(), message, raw);
            case ProviderError.Unauthorized u -> new ProviderError.Unauthorized(u.provider(), u.upstreamStatus(), message, raw);
            case ProviderError.BadRequest b -> new ProviderError.BadRequest(b.provider(), b.upstreamStatus(), message, raw);
            case ProviderError.NotFound n -> new ProviderError.NotFound(n.provider(), n.upstreamStatus(), message, raw);
            case ProviderError.Timeout t -> new ProviderError.Timeout(t.provider(), t.upstreamStatus(), message, raw);
            case ProviderError.Upstream5xx u -> new ProviderError.Upstream5xx(u.provider(), u.upstreamStatus(), message, raw);
            case ProviderError.Malformed m -> new ProviderError.Malformed(m.provider(), m.upstreamStatus(), message, raw);
        };
    }
}
