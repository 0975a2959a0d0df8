package dev.bursar.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;

/** A malformed body's error message for the client: what is wrong and where, without the parser's internals. */
final class JsonSyntax {

    private JsonSyntax() {
    }

    static String describe(JsonProcessingException e) {
        String where = e.getLocation() == null || e.getLocation().getLineNr() < 1 ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return "The request body is not valid JSON" + where + ": " + reason(e) + ".";
    }

    private static String reason(JsonProcessingException e) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof StreamConstraintsException) {
            return "it is nested too deeply or holds a value too long to read";
        }
        if (e instanceof JsonEOFException || original.startsWith("Unexpected end-of-input")) {
            return "it ends before the JSON value is complete";
        }
        if (original.startsWith("Invalid UTF-8") || original.contains("Invalid UTF-8")) {
            return "it is not valid UTF-8 text";
        }
        if (original.startsWith("Illegal unquoted character") || original.contains("control character")) {
            return "a string holds a raw control character (escape it, e.g. \\n)";
        }
        if (original.startsWith("Unexpected character") || original.startsWith("Unrecognized token")) {
            return "unexpected character or word";
        }
        return "syntax error";
    }
}
