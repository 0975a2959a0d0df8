package dev.bursar.routing.learned;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bursar.embedding.Embedder;
import dev.bursar.embedding.Embedders;
import dev.bursar.routing.DifficultyScorer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The shipped learned router: embeds the prompt with the same in-process model as the semantic cache, and a logistic
 * regression on the embedding and the prompt's length gives the probability that the weak model falls short. Loading
 * reads a 75 KB JSON file; the embedding model is shared and loaded once per process.
 */
public final class LearnedRouter implements DifficultyScorer {

    static final String RESOURCE = "/routing/learned-router.json";

    private final RouterModelFile file;
    private final LogisticModel model;
    private final Embedder embedder;

    LearnedRouter(RouterModelFile file, Embedder embedder) {
        if (!file.embedding().equals(embedder.name()) || file.window() != embedder.maxTokens()) {
            throw new IllegalStateException("the router was trained on " + file.embedding() + " embeddings of "
                    + file.window() + " word pieces, not " + embedder.name() + " of " + embedder.maxTokens());
        }
        this.file = file;
        this.model = file.model().toModel();
        this.embedder = embedder;
    }

    /** The shipped router on the process's shared embedding model. */
    public static DifficultyScorer shipped() {
        return load();
    }

    /** The shipped router on the process's shared embedding model, read through the window it was trained with. */
    public static LearnedRouter load() {
        RouterModelFile file = modelFile();
        return new LearnedRouter(file, Embedders.shared(file.window()));
    }

    static LearnedRouter load(Embedder embedder) {
        return new LearnedRouter(modelFile(), embedder);
    }

    static RouterModelFile modelFile() {
        try (InputStream in = LearnedRouter.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            RouterModelFile f = new ObjectMapper().readValue(in, RouterModelFile.class);
            if (f.format() != RouterModelFile.FORMAT) {
                throw new IllegalStateException(RESOURCE + " has format " + f.format() + ", this build reads "
                        + RouterModelFile.FORMAT);
            }
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public double score(String prompt) {
        return model.probability(RouterFeatures.of(embedder.embed(prompt), prompt.length()));
    }

    @Override
    public double threshold(double qualityTarget) {
        if (!(qualityTarget > 0 && qualityTarget <= 1)) {
            throw new IllegalArgumentException("a quality target is in (0, 1], got " + qualityTarget);
        }
        return Calibrations.threshold(file.calibration(), qualityTarget);
    }

    /** Warms the embedding model (1.5 to 2.5 s) so that the first routed request does not pay for it. */
    public void warm() {
        score("warm up");
    }
}
