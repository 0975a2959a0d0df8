package dev.bursar.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bursar cache}: the caches' subcommands. Without one, prints its usage. */
@Command(name = "cache", mixinStandardHelpOptions = true,
        description = "Caching: what provider prompt caching would save (advise).",
        subcommands = {CacheAdviseCommand.class})
public final class CacheCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
