package dev.bursar.capture;

/**
 * E-mail addresses in text, replaced by {@code [email]}: from each {@code @}, the local part runs left over letters,
 * digits and {@code . _ % + -}, the domain right over letters, digits, {@code -} and {@code .}, and must end in a dot
 * and a top-level domain of two letters or more. Linear in the text's length.
 */
final class EmailAddresses {

    static final String MARK = "[email]";

    private EmailAddresses() {
    }

    static String redact(String s) {
        int at = s.indexOf('@');
        if (at < 0) {
            return s;
        }
        StringBuilder out = null;
        int copied = 0;
        while (at >= 0) {
            int start = at;
            while (start > copied && local(s.charAt(start - 1))) {
                start--;
            }
            int end = domainEnd(s, at + 1);
            if (start < at && end > 0) {
                out = out == null ? new StringBuilder(s.length()) : out;
                out.append(s, copied, start).append(MARK);
                copied = end;
            }
            at = s.indexOf('@', Math.max(at + 1, copied));
        }
        return out == null ? s : out.append(s, copied, s.length()).toString();
    }

    /** Where the domain starting at {@code from} ends, or -1 when there is no domain with a top-level part there. */
    private static int domainEnd(String s, int from) {
        int end = from;
        while (end < s.length() && domain(s.charAt(end))) {
            end++;
        }
        while (end > from && (s.charAt(end - 1) == '.' || s.charAt(end - 1) == '-')) {
            end--; // a sentence's full stop is not part of the address
        }
        int dot = s.lastIndexOf('.', end - 1);
        if (dot <= from || end - dot - 1 < 2) {
            return -1;
        }
        for (int i = dot + 1; i < end; i++) {
            if (!Character.isLetter(s.charAt(i)) || s.charAt(i) > 'z') {
                return -1;
            }
        }
        return end;
    }

    private static boolean local(char c) {
        return ascii(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }

    private static boolean domain(char c) {
        return ascii(c) || c == '-' || c == '.';
    }

    private static boolean ascii(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
