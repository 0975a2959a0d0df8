package dev.bursar.testing;

import dev.bursar.Bursar;
import dev.bursar.config.BursarConfig;
import dev.bursar.config.ConfigLoader;
import dev.bursar.resilience.Sleeper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A real Bursar on a random port with its own SQLite file, started from YAML exactly as {@code bursar serve} would,
 * plus a plain HTTP client to talk to it.
 */
public final class RunningBursar implements AutoCloseable {

    public static final String MASTER_KEY = "bm-test-master-key";

    private final Bursar bursar;
    private final Path dir;
    private final ByteArrayOutputStream log;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private RunningBursar(Bursar bursar, Path dir, ByteArrayOutputStream log) {
        this.bursar = bursar;
        this.dir = dir;
        this.log = log;
    }

    /** {@code yaml} may use {@code ${DB}} for the SQLite path; port and master key are set here. */
    public static RunningBursar start(String yaml, Map<String, String> extraEnv) {
        return start(yaml, extraEnv, Sleeper.real());
    }

    /** As {@link #start(String, Map)}, waiting between upstream attempts with {@code sleeper} (a test's recorder). */
    public static RunningBursar start(String yaml, Map<String, String> extraEnv, Sleeper sleeper) {
        Path dir = TempDirs.create("bursar-test");
        try {
            Map<String, String> env = new HashMap<>(extraEnv);
            env.put("DB", dir.resolve("bursar.db").toString());
            env.put("BURSAR_MASTER_KEY", MASTER_KEY);
            String withStorage = yaml.contains("storage:") ? yaml : yaml + "\nstorage: { sqlite: \"${DB}\" }\n";
            BursarConfig config = ConfigLoader.parse(withStorage, env, "test.yaml");
            config = config.withServer(config.server().withPort(0));
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            Bursar bursar = Bursar.start(config, env, new PrintStream(log, true, StandardCharsets.UTF_8), sleeper);
            return new RunningBursar(bursar, dir, log);
        } catch (RuntimeException e) {
            TempDirs.delete(dir);
            throw e;
        }
    }

    public static RunningBursar start(String yaml) {
        return start(yaml, Map.of());
    }

    public String baseUrl() {
        return bursar.baseUrl();
    }

    public Bursar bursar() {
        return bursar;
    }

    /** This gateway's own folder (its SQLite ledger); deleted by {@link #close()}. */
    public Path dir() {
        return dir;
    }

    public String startupLog() {
        return log.toString(StandardCharsets.UTF_8);
    }

    public HttpResponse<String> post(String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    public HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    public HttpResponse<String> delete(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).DELETE();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    private HttpResponse<String> send(HttpRequest r) {
        try {
            return http.send(r, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every ledger row, oldest first, read back through the JSONL export. */
    public java.util.List<com.fasterxml.jackson.databind.JsonNode> ledgerRows() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        bursar.storage().ledger().export(new dev.bursar.ledger.ExportQuery(java.time.Instant.EPOCH,
                java.time.Instant.now().plusSeconds(3600), 0), dev.bursar.ledger.ExportFormat.JSONL, out);
        return out.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).map(l -> {
            try {
                return Golden.JSON.readTree(l);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    public long ledgerCount() {
        return bursar.storage().ledger().count();
    }

    /** Stops the gateway and deletes its folder (ledger, master key, logs). */
    @Override
    public void close() {
        try {
            bursar.close();
        } finally {
            http.shutdownNow();
            TempDirs.delete(dir);
        }
    }

}
