package dev.bursar.cli;

import dev.bursar.planning.Calculation;
import dev.bursar.planning.RetryWaste;
import java.math.BigDecimal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bursar plan retries}: what failed requests and their retries add to the month's API spend. */
@Command(name = "retries", mixinStandardHelpOptions = true,
        description = "Wasted spend on retries: monthly spend × failure rate × average retries.")
public final class PlanRetriesCommand extends PlanCommand.Calculator {

    @Option(names = "--monthly-usd", required = true, description = "The month's API spend.")
    BigDecimal monthly;

    @Option(names = "--failure-rate", required = true, description = "Share of requests that fail (0 to 1).")
    BigDecimal failureRate;

    @Option(names = "--retries", required = true, description = "Average retries of a failed request.")
    BigDecimal retries;

    @Override
    Calculation calculate() {
        return RetryWaste.calculate(new RetryWaste.Inputs(monthly, failureRate, retries));
    }
}
