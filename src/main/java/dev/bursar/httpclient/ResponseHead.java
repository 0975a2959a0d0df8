package dev.bursar.httpclient;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A response's status line and headers, and what they say about the body: how it is framed and whether the
 * connection may carry another request afterwards.
 */
record ResponseHead(int status, Http1Headers headers, Framing framing, long contentLength, boolean keepAlive) {

    enum Framing { FIXED, CHUNKED, UNTIL_CLOSE }

    private static final int MAX_HEADERS = 256;

    /** Reads past interim (1xx) responses to the final one. */
    static ResponseHead read(ConnectionInput in) throws IOException {
        while (true) {
            String statusLine = in.readLine();
            int status = status(statusLine);
            Http1Headers headers = headers(in);
            if (status >= 200) {
                return framed(status, statusLine.startsWith("HTTP/1.0"), headers);
            }
        }
    }

    private static int status(String line) throws IOException {
        if (!line.startsWith("HTTP/1.") || line.length() < 12 || line.charAt(8) != ' ') {
            throw new IOException("the server did not answer with HTTP/1.x: '" + abbreviate(line) + "'");
        }
        int status = 0;
        for (int i = 9; i < 12; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                throw new IOException("malformed HTTP status line: '" + abbreviate(line) + "'");
            }
            status = status * 10 + (c - '0');
        }
        return status;
    }

    private static Http1Headers headers(ConnectionInput in) throws IOException {
        List<String> names = new ArrayList<>(16);
        List<String> values = new ArrayList<>(16);
        String line;
        while (!(line = in.readLine()).isEmpty()) {
            if (names.size() == MAX_HEADERS) {
                throw new IOException("the server sent more than " + MAX_HEADERS + " headers");
            }
            char first = line.charAt(0);
            if ((first == ' ' || first == '\t') && !values.isEmpty()) {
                // obsolete line folding: the line continues the previous header's value
                int last = values.size() - 1;
                values.set(last, values.get(last) + " " + line.trim());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed HTTP header line: '" + abbreviate(line) + "'");
            }
            names.add(line.substring(0, colon).trim());
            values.add(line.substring(colon + 1).trim());
        }
        return new Http1Headers(names, values);
    }

    private static ResponseHead framed(int status, boolean http10, Http1Headers headers) throws IOException {
        boolean keepAlive = http10
                ? headers.hasToken("Connection", "keep-alive")
                : !headers.hasToken("Connection", "close");
        if (status == 204 || status == 304) {
            return new ResponseHead(status, headers, Framing.FIXED, 0, keepAlive);
        }
        List<String> codings = headers.all("Transfer-Encoding");
        if (!codings.isEmpty()) {
            String last = codings.get(codings.size() - 1);
            boolean chunked = last.toLowerCase(Locale.ROOT).trim().endsWith("chunked");
            return chunked
                    ? new ResponseHead(status, headers, Framing.CHUNKED, -1, keepAlive)
                    : new ResponseHead(status, headers, Framing.UNTIL_CLOSE, -1, false);
        }
        List<String> lengths = headers.all("Content-Length");
        if (lengths.isEmpty()) {
            return new ResponseHead(status, headers, Framing.UNTIL_CLOSE, -1, false);
        }
        long length = contentLength(lengths);
        return new ResponseHead(status, headers, Framing.FIXED, length, keepAlive);
    }

    private static long contentLength(List<String> values) throws IOException {
        long length = -1;
        for (String value : values) {
            for (String part : value.split(",")) {
                long n;
                try {
                    n = Long.parseLong(part.trim());
                } catch (NumberFormatException e) {
                    throw new IOException("the server sent an invalid Content-Length: '" + value + "'");
                }
                if (n < 0 || (length >= 0 && n != length)) {
                    throw new IOException("the server sent a conflicting or negative Content-Length: " + values);
                }
                length = n;
            }
        }
        return length;
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
