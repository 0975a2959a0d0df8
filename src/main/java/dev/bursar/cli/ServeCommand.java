package dev.bursar.cli;

import dev.bursar.Bursar;
import dev.bursar.config.BursarConfig;
import dev.bursar.config.ConfigException;
import dev.bursar.config.ConfigLoader;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the gateway (OpenAI- and Anthropic-compatible) with the ledger on.")
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--config", description = "Config file (default: $BURSAR_CONFIG, else ./bursar.yaml if present).")
    String config;

    @Option(names = "--port", description = "Port to listen on (overrides server.port).")
    Integer port;

    @Option(names = "--host", description = "Interface to bind (overrides server.host).")
    String host;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        BursarConfig cfg;
        try {
            cfg = ConfigLoader.resolve(config, System.getenv(), warning -> System.out.println("bursar: warning: " + warning));
        } catch (ConfigException e) {
            err.println("bursar serve: " + e.getMessage());
            err.flush();
            return 2;
        }
        if (port != null) {
            cfg = cfg.withServer(cfg.server().withPort(port));
        }
        if (host != null) {
            cfg = cfg.withServer(cfg.server().withHost(host));
        }
        Bursar bursar;
        // Helidon logs a failed bind with its stack trace before Bursar can say it in one line; quiet it while starting.
        java.util.logging.Logger helidon = java.util.logging.Logger.getLogger("io.helidon");
        helidon.setLevel(java.util.logging.Level.OFF);
        try {
            bursar = Bursar.start(cfg, System.getenv(), System.out);
        } catch (RuntimeException e) {
            // A missing folder, an unreachable database, a port in use: the user needs the reason, not a stack trace.
            err.println("bursar serve: cannot start: " + StartupFailure.describe(e));
            err.flush();
            return 1;
        } finally {
            // Bursar's banner says what runs; Helidon's own INFO lines (its feature list, printed late) only add noise.
            helidon.setLevel(java.util.logging.Level.WARNING);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("bursar: stopping (flushing the ledger)");
            bursar.close();
            stopped.countDown();
        }, "bursar-shutdown"));
        stopped.await();
        return 0;
    }
}
