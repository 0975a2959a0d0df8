package dev.bursar.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** PLACEHOLDER: replaced by the owner of this command. */
@Command(name = "serve", description = "(not built yet)")
public final class ServeCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("bursar serve: not built yet");
        return 2;
    }
}
