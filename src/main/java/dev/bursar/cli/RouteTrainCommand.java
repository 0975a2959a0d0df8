package dev.bursar.cli;

import dev.bursar.embedding.Embedders;
import dev.bursar.routing.learned.RouterTraining;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the learned router from the shared evaluation data (routellm-evals/, routerbench-subset/) "
                + "and write learned-router.json and its held-out set; the shipped files come from this command.")
final class RouteTrainCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, description = "the shared data folder holding routellm-evals/ and routerbench-subset/")
    Path data;

    @Option(names = "--out", description = "where to write the model files (default src/main/resources/routing)")
    Path out = Path.of("src/main/resources/routing");

    @Option(names = "--embeddings-cache", description = "keep the prompts' embeddings in this file between runs")
    Path cache;

    @Option(names = "--threads", description = "prompts embedded at once (default: the number of CPUs)")
    Integer threads;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(data.resolve("routellm-evals")) || !Files.isDirectory(data.resolve("routerbench-subset"))) {
            err.println("bursar route train: " + data + " has no routellm-evals/ and routerbench-subset/ folders");
            return 2;
        }
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : Math.max(1, threads);
        try {
            RouterTraining.train(data, out, Embedders.shared(RouterTraining.WINDOW), n, cache, err);
        } catch (IOException | UncheckedIOException e) {
            err.println("bursar route train: " + e.getMessage());
            return 1;
        }
        err.println("bursar route train: wrote " + out.resolve("learned-router.json"));
        return 0;
    }
}
