package dev.bursar.architecture;

import java.util.ArrayList;
import java.util.List;

/**
 * The string literals of a Java source file (text blocks included, comments and char literals skipped), so that
 * rules about SQL look at code and not at the javadoc that explains it. Escapes are kept as written.
 */
final class JavaStrings {

    private JavaStrings() {
    }

    static List<String> literals(String source) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                i = end(source, "\n", i + 2);
            } else if (source.startsWith("/*", i)) {
                i = end(source, "*/", i + 2);
            } else if (source.startsWith("\"\"\"", i)) {
                int close = closing(source, "\"\"\"", i + 3);
                out.add(source.substring(i + 3, close));
                i = close + 3;
            } else if (c == '"' || c == '\'') {
                int close = closing(source, String.valueOf(c), i + 1);
                if (c == '"') {
                    out.add(source.substring(i + 1, close));
                }
                i = close + 1;
            } else {
                i++;
            }
        }
        return out;
    }

    /** Index just past {@code token} at or after {@code from}, or the end of the text. */
    private static int end(String s, String token, int from) {
        int at = s.indexOf(token, from);
        return at < 0 ? s.length() : at + token.length();
    }

    /** Index of the unescaped {@code quote} closing a literal opened before {@code from}. */
    private static int closing(String s, String quote, int from) {
        int i = from;
        while (i < s.length() && !s.startsWith(quote, i)) {
            i += s.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(i, s.length());
    }
}
