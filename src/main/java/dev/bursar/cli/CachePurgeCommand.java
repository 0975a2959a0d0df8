package dev.bursar.cli;

import dev.bursar.Bursar;
import dev.bursar.config.BursarConfig;
import dev.bursar.config.ConfigException;
import dev.bursar.config.ConfigLoader;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bursar cache purge [--customer X]}: clears a running gateway's cache (all of it, or one customer's entries)
 * through its admin API, since the entries live in its memory (or in Redis, where any replica clears them for all).
 */
@Command(name = "purge", mixinStandardHelpOptions = true, description = "Clear the cache of a running gateway, or one customer's entries.")
final class CachePurgeCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE") String config;
    @Option(names = "--customer", description = "only this customer's entries (default: every entry)") String customer;
    @Option(names = "--url", description = "the gateway (default: http://127.0.0.1:<server.port of the config>)") String url;
    @Option(names = "--master-key", description = "default: server.master-key, $BURSAR_MASTER_KEY, or the saved master.key")
    String masterKey;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        try {
            BursarConfig cfg = ConfigLoader.resolve(config, System.getenv());
            String base = url != null ? url : "http://127.0.0.1:" + cfg.server().port();
            String key = masterKey != null ? masterKey : Bursar.masterKey(cfg, System.getenv()).orElseThrow(() ->
                    new IllegalArgumentException("no master key: pass --master-key or set BURSAR_MASTER_KEY"));
            String query = customer == null ? "" : "?customer=" + URLEncoder.encode(customer, StandardCharsets.UTF_8);
            HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/admin/cache" + query))
                    .header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(30)).DELETE().build();
            HttpResponse<String> res = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() != 200) {
                err.println("bursar cache purge: the gateway at " + base + " answered " + res.statusCode() + ": " + res.body());
                return 1;
            }
            spec.commandLine().getOut().println(res.body());
            return 0;
        } catch (IOException e) {
            err.println("bursar cache purge: cannot reach the gateway: " + e.getMessage() + " (is `bursar serve` running? --url)");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (IllegalArgumentException | ConfigException e) {
            err.println("bursar cache purge: " + e.getMessage());
            return 1;
        }
    }
}
