package dev.bursar.http;

/** Client-sent header text echoed in an error message: control characters dropped, length bounded. */
final class HeaderText {

    private HeaderText() {
    }

    static String printable(String s) {
        String clean = s.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.length() > 100 ? clean.substring(0, 100) + "…" : clean;
    }
}
