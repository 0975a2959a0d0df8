package dev.bursar.cli;

import dev.bursar.planning.Calculation;
import dev.bursar.planning.SystemPromptCost;
import java.math.BigDecimal;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bursar plan prompt}: a system prompt's monthly cost, and what trimming it saves. */
@Command(name = "prompt", mixinStandardHelpOptions = true,
        description = "What a system prompt costs a month on its own (system tokens × daily requests × days × input price).")
public final class PlanPromptCommand extends PlanCommand.Calculator {

    @Mixin
    PlanPrices prices = new PlanPrices();

    @Option(names = "--system-tokens", required = true, description = "Tokens of the system prompt and tools.")
    BigDecimal systemTokens;

    @Option(names = "--daily-requests", required = true, description = "Requests a day.")
    BigDecimal dailyRequests;

    @Option(names = "--days", defaultValue = "30", description = "Days in the month (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--trimmed-tokens", description = "The prompt's length after trimming: prints the saving.")
    BigDecimal trimmed;

    @Override
    Calculation calculate() {
        return SystemPromptCost.calculate(new SystemPromptCost.Inputs(systemTokens, dailyRequests, days,
                Optional.ofNullable(trimmed), prices.prices()));
    }
}
