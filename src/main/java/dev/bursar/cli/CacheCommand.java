package dev.bursar.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The caches: how well the semantic matcher separates paraphrases from near-misses ({@code eval}). */
@Command(name = "cache", mixinStandardHelpOptions = true, description = "Evaluate the semantic cache's matcher.",
        subcommands = {CacheEvalCommand.class})
public final class CacheCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("bursar cache: say eval (bursar cache --help)");
        return 2;
    }
}
