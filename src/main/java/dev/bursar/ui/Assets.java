package dev.bursar.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's static files, read from the jar: the pages under {@code ui/} and Chart.js from its webjar
 * ({@code org.webjars.npm:chart.js}) as {@code vendor/chart.umd.js}, its license as {@code vendor/chart.js-LICENSE.md}.
 * Paths are checked against a fixed alphabet before any lookup, so nothing outside those folders can be named.
 */
public final class Assets {

    /** One file: its bytes and content type. */
    public record Asset(byte[] bytes, String contentType) {
    }

    private static final String WEBJAR = "META-INF/resources/webjars/chart.js/";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "md", "text/plain; charset=utf-8",
            "ico", "image/x-icon");

    private final ClassLoader loader = Assets.class.getClassLoader();
    private final Map<String, Optional<Asset>> cache = new ConcurrentHashMap<>();
    private final String chartVersion = chartVersion();

    /** The file at {@code path} below {@code /ui/} ({@code ""} is the page shell). */
    public Optional<Asset> get(String path) {
        String p = path.isEmpty() ? "index.html" : path;
        if (!p.matches("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*(\\.[A-Za-z0-9_-]+)+")) { // no "..", no empty segment
            return Optional.empty();
        }
        return cache.computeIfAbsent(p, this::load);
    }

    private Optional<Asset> load(String path) {
        String type = TYPES.get(path.substring(path.lastIndexOf('.') + 1));
        if (type == null) {
            return Optional.empty();
        }
        String resource = switch (path) {
            case "vendor/chart.umd.js" -> WEBJAR + chartVersion + "/dist/chart.umd.js";
            case "vendor/chart.js-LICENSE.md" -> WEBJAR + chartVersion + "/LICENSE.md";
            default -> "ui/" + path;
        };
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(new Asset(in.readAllBytes(), type));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource + " from the jar", e);
        }
    }

    /** The webjar's version, from its Maven metadata, so upgrading the dependency needs no code change. */
    private String chartVersion() {
        try (InputStream in = loader.getResourceAsStream("META-INF/maven/org.webjars.npm/chart.js/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the chart.js webjar is missing from the class path");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the chart.js webjar's version", e);
        }
    }
}
