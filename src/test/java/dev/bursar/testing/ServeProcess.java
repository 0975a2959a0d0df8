package dev.bursar.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** A real `bursar serve` in its own JVM (the test classpath), on a free port, with its output in a log file. */
public final class ServeProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private ServeProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** {@code yaml} must not set server.port; the port is passed with --port. */
    public static ServeProcess start(Path dir, String name, String yaml, Map<String, String> env) {
        try {
            Path config = dir.resolve(name + ".yaml");
            Path log = dir.resolve(name + ".log");
            Files.writeString(config, yaml);
            int port = freePort();
            String java = ProcessHandle.current().info().command().orElse("java");
            ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.bursar.cli.Main",
                    "serve", "--config", config.toString(), "--port", String.valueOf(port))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().putAll(env);
            ServeProcess p = new ServeProcess(pb.start(), port, log);
            p.awaitHealthy();
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL, and wait for the process to be gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void awaitHealthy() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl() + "/health")).build();
        try {
            for (int i = 0; i < 600; i++) {
                if (!process.isAlive()) {
                    throw new AssertionError("serve exited: " + log());
                }
                try {
                    if (http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    Thread.sleep(100);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            http.close();
        }
        throw new AssertionError("serve did not become healthy: " + log());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        kill();
    }
}
