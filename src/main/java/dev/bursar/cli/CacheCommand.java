package dev.bursar.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code bursar cache}: what the response cache saved, clearing it, and measuring the semantic matcher. */
@Command(name = "cache", mixinStandardHelpOptions = true,
        description = "Cache hit rates and savings, purge, semantic matcher evaluation, provider prompt-cache advice.",
        subcommands = {CacheStatsCommand.class, CachePurgeCommand.class, CacheAdviseCommand.class})
public final class CacheCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("bursar cache: say stats, purge, eval or advise (bursar cache --help)");
        return 2;
    }
}
