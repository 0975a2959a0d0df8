package dev.bursar.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bursar cache}: what the response cache saved, clearing it, measuring the semantic matcher, prompt-cache advice. */
@Command(name = "cache", mixinStandardHelpOptions = true,
        description = "Cache hit rates and savings, purge, semantic matcher evaluation, provider prompt-cache advice.",
        subcommands = {CacheStatsCommand.class, CachePurgeCommand.class, CacheEvalCommand.class, CacheAdviseCommand.class})
public final class CacheCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("bursar cache: say stats, purge, eval or advise (bursar cache --help)");
        return 2;
    }
}
