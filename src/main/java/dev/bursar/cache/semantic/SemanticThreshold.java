package dev.bursar.cache.semantic;

import dev.bursar.config.SemanticCacheConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * {@code threshold: auto}: the cosine threshold calibrated on labelled pairs and shipped in
 * {@code semantic-threshold.properties} beside this class (the file says how it was obtained).
 */
public final class SemanticThreshold {

    private static final String RESOURCE = "semantic-threshold.properties";

    private SemanticThreshold() {
    }

    /** The shipped threshold. */
    public static float shipped() {
        return Float.parseFloat(properties().getProperty("threshold"));
    }

    /** The configured threshold, or the shipped one for {@code auto}. */
    public static float of(SemanticCacheConfig config) {
        return config.fixedThreshold().map(Float::parseFloat).orElseGet(SemanticThreshold::shipped);
    }

    static Properties properties() {
        try (InputStream in = SemanticThreshold.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            Properties p = new Properties();
            p.load(in);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
