package dev.bursar.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** PLACEHOLDER: replaced by the owner of this command. */
@Command(name = "prices", description = "(not built yet)")
public final class PricesCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("bursar prices: not built yet");
        return 2;
    }
}
