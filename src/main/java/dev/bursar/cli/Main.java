package dev.bursar.cli;

import dev.bursar.config.BuildInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code bursar} command line. Each subcommand lives in its own class in this package. */
@Command(name = "bursar", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "AI cost control plane: gateway, exact cost ledger and reports.",
        subcommands = {ServeCommand.class, CostCommand.class, PricesCommand.class, ReportCommand.class, KeysCommand.class,
                AlertsCommand.class, BudgetsCommand.class, CacheCommand.class, RouteCommand.class, TiersCommand.class,
                ReplayCommand.class, PlanCommand.class, AuditCommand.class, MarginCommand.class, CostsCommand.class,
                PlansCommand.class, RevenueCommand.class, ScenarioCommand.class, ReconcileCommand.class, ExportCommand.class,
                LedgerCommand.class, BatchesCommand.class})
public final class Main {

    /** The jar's own version, the one /health reports. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"bursar " + BuildInfo.version()};
        }
    }

    public static void main(String[] args) {
        int code = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
        System.exit(code);
    }
}
