package dev.bursar.cli;

import dev.bursar.books.RevenueImport;
import dev.bursar.books.RevenueLine;
import dev.bursar.config.ConfigException;
import dev.bursar.storage.StorageException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bursar revenue import}: revenue actually billed, per customer and month, from CSV. */
@Command(name = "revenue", mixinStandardHelpOptions = true, description = "Import billed revenue from CSV.",
        subcommands = {RevenueCommand.Import.class})
public final class RevenueCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("bursar revenue: say import (bursar revenue --help)");
        return 2;
    }

    @Command(name = "import", mixinStandardHelpOptions = true, description = {
            "Import revenue lines; a customer's lines for a month replace its plan price for that month.",
            "csv: customer,month,amount_usd[,reference] (month YYYY-MM, amount in USD).",
            "stripe: an invoice-line export: id, customer (or customer_id), period_start, amount, currency (usd)."})
    static final class Import implements Callable<Integer> {
        @Option(names = "--config") String config;
        @Option(names = "--format", defaultValue = "csv", description = "csv or stripe (default: ${DEFAULT-VALUE})")
        RevenueImport.Layout layout;
        @Option(names = "--customer-column", description = "the column holding the ledger's customer tag (stripe default: customer)")
        String customerColumn;
        @Option(names = "--cents", description = "stripe amounts are integer cents") boolean cents;
        @Parameters(paramLabel = "FILE") Path file;

        @Override
        public Integer call() {
            try {
                List<RevenueLine> lines = RevenueImport.parse(Files.readString(file),
                        new RevenueImport.Options(layout, customerColumn, cents, file.getFileName().toString()));
                BooksAccess.with(config, System.getenv(), b -> {
                    b.importRevenue(lines);
                    return null;
                });
                BigDecimal total = lines.stream().map(RevenueLine::amountUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
                System.out.println("imported " + lines.size() + " revenue line(s), " + total.toPlainString() + " USD, for "
                        + lines.stream().map(RevenueLine::customer).distinct().count() + " customer(s)");
                return 0;
            } catch (IOException e) {
                System.err.println("bursar revenue import: cannot read " + file + ": " + e.getMessage());
                return 1;
            } catch (IllegalArgumentException | ConfigException | StorageException e) {
                System.err.println("bursar revenue import: " + e.getMessage());
                return 1;
            }
        }
    }
}
