package dev.bursar.reconcile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * The pages of a provider's paginated report as saved to a file: one response page, a JSON array of pages, or one
 * page per line (JSONL), as {@code curl} in a {@code next_page} loop leaves them. Numbers are read as exact decimals.
 */
final class ReportPages {

    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS); // else JSONL would read as its first page

    private ReportPages() {
    }

    static List<JsonNode> parse(String text, String name) {
        String s = text.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException(name + " is empty");
        }
        try {
            JsonNode whole = JSON.readTree(s);
            if (whole.isArray()) {
                List<JsonNode> pages = new ArrayList<>();
                whole.forEach(pages::add);
                return check(pages, name);
            }
            return check(List.of(whole), name);
        } catch (JsonProcessingException notOneDocument) {
            List<JsonNode> pages = new ArrayList<>();
            int n = 0;
            for (String line : s.split("\\R")) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    pages.add(JSON.readTree(line));
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException(name + " is neither JSON nor JSONL (line " + n + ": "
                            + e.getOriginalMessage() + ")");
                }
            }
            return check(pages, name);
        }
    }

    /** Every page must have the documented {@code data} array of buckets. */
    private static List<JsonNode> check(List<JsonNode> pages, String name) {
        for (int i = 0; i < pages.size(); i++) {
            if (!pages.get(i).path("data").isArray()) {
                throw new IllegalArgumentException(name + ": page " + (i + 1) + " has no \"data\" array of buckets;"
                        + " expected the API's response page ({\"data\": [...], \"has_more\": ..., \"next_page\": ...})");
            }
        }
        return pages;
    }
}
