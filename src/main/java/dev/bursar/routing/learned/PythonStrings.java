package dev.bursar.routing.learned;

/** RouterBench stores each prompt as a Python list literal of strings ({@code ['...', "..."]}); this reads it back. */
final class PythonStrings {

    private PythonStrings() {
    }

    /** The list's strings joined by a blank line; a cell that is not a list literal is returned as it is. */
    static String joined(String literal) {
        String s = literal.strip();
        if (!s.startsWith("[") || !s.endsWith("]")) {
            return literal;
        }
        StringBuilder out = new StringBuilder();
        int i = 1;
        while (i < s.length() - 1) {
            char quote = s.charAt(i);
            if (quote != '\'' && quote != '"') {
                i++;
                continue;
            }
            if (!out.isEmpty()) {
                out.append("\n\n");
            }
            i = unquote(s, i + 1, quote, out);
        }
        return out.toString();
    }

    /** Appends one string's characters, escapes decoded; returns the index after its closing quote. */
    private static int unquote(String s, int i, char quote, StringBuilder out) {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == quote) {
                return i + 1;
            }
            if (c == '\\' && i + 1 < s.length()) {
                char e = s.charAt(++i);
                out.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    default -> e;
                });
            } else {
                out.append(c);
            }
            i++;
        }
        return i;
    }
}
