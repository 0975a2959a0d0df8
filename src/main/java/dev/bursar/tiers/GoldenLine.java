package dev.bursar.tiers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import java.util.Optional;

/**
 * One prompt of a golden set and how its answer is judged right.
 *
 * @param id        the prompt's name in the report ({@code line-N} when the file gives none)
 * @param lineNo    where it is in the file, for messages
 * @param messages  the chat messages sent as they are (a {@code prompt} becomes one user message)
 * @param expected  how an answer is checked by itself; empty: the judge model grades it
 * @param category  one group of the failure distribution, or null
 * @param tags      more groups (a prompt counts in each of its tags)
 * @param maxTokens the request's {@code max_tokens}, or null to send none
 */
public record GoldenLine(String id, int lineNo, ArrayNode messages, Optional<Expected> expected, String category,
                         List<String> tags, Integer maxTokens) {

    public GoldenLine {
        tags = List.copyOf(tags);
    }
}
