package dev.bursar.config;

import java.util.Map;

/** Where alerts go: {@code format} {@code json} (Bursar's own body) or {@code slack} (Slack incoming-webhook body). */
public record WebhookConfig(String url, String format, Map<String, String> headers) {

    public WebhookConfig {
        if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
            throw new IllegalArgumentException("url must be an http(s) URL, got " + url);
        }
        format = format == null ? "json" : format;
        if (!format.equals("json") && !format.equals("slack")) {
            throw new IllegalArgumentException("format must be json or slack, got " + format);
        }
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}
