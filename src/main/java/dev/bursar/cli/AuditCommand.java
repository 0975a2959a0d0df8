package dev.bursar.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bursar audit}: audits over the ledger; {@code prompts} is the first. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Audits over the ledger.",
        subcommands = {AuditPromptsCommand.class})
public final class AuditCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
