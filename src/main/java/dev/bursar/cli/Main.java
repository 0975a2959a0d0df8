package dev.bursar.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code bursar} command line. Each subcommand lives in its own class in this package. */
@Command(name = "bursar", mixinStandardHelpOptions = true, version = "bursar 0.1.0",
        description = "AI cost control plane: gateway, exact cost ledger and reports.",
        subcommands = {ServeCommand.class, CostCommand.class, PricesCommand.class, ReportCommand.class, KeysCommand.class,
                AlertsCommand.class, BudgetsCommand.class})
public final class Main {

    public static void main(String[] args) {
        int code = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
        System.exit(code);
    }
}
