package dev.bursar.cli;

import dev.bursar.config.ConfigException;
import dev.bursar.planning.Calculation;
import dev.bursar.pricing.CatalogException;
import dev.bursar.storage.StorageException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bursar plan}: planning calculators that need no ledger (budget can read one), every input a flag. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Planning calculators: a month's budget with its p50/p95 and a spend limit, break-even points"
                + " (cache, batch, prompt cache, RAG vs fine-tune, self-hosting), a system prompt's monthly cost, retry waste.",
        subcommands = {PlanBudgetCommand.class, PlanBreakEvenCommand.class, PlanPromptCommand.class,
                PlanRetriesCommand.class})
public final class PlanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** What every calculator shares: the output format, and printing a calculation or the reason there is none. */
    abstract static class Calculator implements Callable<Integer> {

        @Option(names = "--format", defaultValue = "table", description = "table, json or csv (default: ${DEFAULT-VALUE})")
        ReportCommand.Format format;

        @Spec
        CommandSpec spec;

        abstract Calculation calculate();

        @Override
        public final Integer call() {
            CommandLine cl = spec.commandLine();
            try {
                cl.getOut().print(CalculationFormatter.format(format, calculate()));
                cl.getOut().flush();
                return 0;
            } catch (IllegalArgumentException | CatalogException | ConfigException | StorageException e) {
                cl.getErr().println("bursar plan " + spec.name() + ": " + e.getMessage());
                return 1;
            }
        }
    }
}
