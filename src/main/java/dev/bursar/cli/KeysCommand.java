package dev.bursar.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** PLACEHOLDER: replaced by the owner of this command. */
@Command(name = "keys", description = "(not built yet)")
public final class KeysCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("bursar keys: not built yet");
        return 2;
    }
}
