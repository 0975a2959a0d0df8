package dev.bursar.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** PLACEHOLDER: replaced by the owner of this command. */
@Command(name = "report", description = "(not built yet)")
public final class ReportCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("bursar report: not built yet");
        return 2;
    }
}
