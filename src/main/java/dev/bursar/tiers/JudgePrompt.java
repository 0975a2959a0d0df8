package dev.bursar.tiers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The judge's fixed prompt and how its grade is read. The judge sees the conversation the candidate was given and the
 * candidate's answer, never which model wrote it, and is asked for {@code Grade: N} from 1 to 10. The grade is read
 * from {@code Grade: N} (also {@code **Grade:** N}, {@code grade = N}, {@code N/10}); failing that, from an answer
 * that is only a number. A reply with no grade in 1..10 is an error for that prompt, never a guess.
 */
public final class JudgePrompt {

    public static final String SYSTEM = """
            You grade answers written by an AI assistant. Judge correctness first, then completeness and clarity. \
            Reply with one line: "Grade: N", where N is a whole number from 1 (wrong or useless) to 10 (fully \
            correct, complete and clear).""";

    private static final Pattern LABELLED = Pattern.compile("(?i)grade\\W{0,6}?(\\d{1,2})(?!\\d)(?:\\s*/\\s*10)?");
    private static final Pattern OUT_OF_TEN = Pattern.compile("(?<![\\d.])(\\d{1,2})\\s*/\\s*10(?!\\d)");
    private static final Pattern ONLY_NUMBER = Pattern.compile("\\W*(\\d{1,2})\\W*");
    private static final int MAX_GRADE = 10;

    private JudgePrompt() {
    }

    /** The judge's messages for one candidate answer. */
    public static ArrayNode messages(ArrayNode conversation, String answer) {
        StringBuilder user = new StringBuilder("Conversation given to the assistant:\n\n");
        for (JsonNode m : conversation) {
            user.append(m.path("role").asText()).append(": ").append(text(m.path("content"))).append("\n\n");
        }
        user.append("Answer to grade:\n\n").append(answer).append("\n\nReply with one line: Grade: N (1 to 10).");
        ArrayNode messages = JsonNodeFactory.instance.arrayNode();
        messages.addObject().put("role", "system").put("content", SYSTEM);
        messages.addObject().put("role", "user").put("content", user.toString());
        return messages;
    }

    /** The grade in the judge's reply, if there is one from 1 to 10. */
    public static OptionalInt grade(String reply) {
        for (Pattern p : new Pattern[] {LABELLED, OUT_OF_TEN}) {
            Matcher m = p.matcher(reply);
            if (m.find()) {
                return inRange(Integer.parseInt(m.group(1)));
            }
        }
        Matcher only = ONLY_NUMBER.matcher(reply);
        return only.matches() ? inRange(Integer.parseInt(only.group(1))) : OptionalInt.empty();
    }

    private static OptionalInt inRange(int grade) {
        return grade >= 1 && grade <= MAX_GRADE ? OptionalInt.of(grade) : OptionalInt.empty();
    }

    /** A message's text: a string, or the text parts of a content array. */
    static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder sb = new StringBuilder();
        content.forEach(part -> {
            if (part.has("text")) {
                sb.append(sb.isEmpty() ? "" : "\n").append(part.path("text").asText());
            }
        });
        return sb.toString();
    }
}
