package dev.bursar.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bursar tiers}: evidence for choosing a model tier. */
@Command(name = "tiers", mixinStandardHelpOptions = true,
        description = "Compare model tiers on a golden set: quality, gap to the best, cost per 1,000 calls, where each fails.",
        subcommands = {TiersEvalCommand.class})
public final class TiersCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("bursar tiers: say eval (bursar tiers eval --help)");
        return 2;
    }
}
