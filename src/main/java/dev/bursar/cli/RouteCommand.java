package dev.bursar.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bursar route}: the learned router's proof on held-out prompts, and its training. */
@Command(name = "route", mixinStandardHelpOptions = true,
        description = "Evaluate the shipped learned router (APGR, CPT) or train it again from the evaluation data.",
        subcommands = {RouteEvalCommand.class, RouteTrainCommand.class})
public final class RouteCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("bursar route: say eval or train (bursar route --help)");
        return 2;
    }
}
