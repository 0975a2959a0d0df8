package dev.bursar.http;

import dev.bursar.wire.ApiError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A streaming reader of multipart/form-data (RFC 7578): each part's body goes straight to the stream its sink gives,
 * byte by byte through a KMP matcher for the boundary, so a 200 MB upload is never held in memory.
 */
final class Multipart {

    private static final Pattern BOUNDARY = Pattern.compile("boundary=(?:\"([^\"]+)\"|([^;\\s]+))", Pattern.CASE_INSENSITIVE);
    private static final Pattern NAME = Pattern.compile("\\bname=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern FILENAME = Pattern.compile("\\bfilename=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final int MAX_HEADER_BYTES = 16 * 1024;

    /** Where each part's body goes; the reader closes the stream at the part's end. */
    interface Sink {
        OutputStream part(String name, String filename) throws IOException;
    }

    private Multipart() {
    }

    /** The boundary of a multipart/form-data content type, or a 400 in OpenAI's shape. */
    static String boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw ApiError.badRequest("invalid_content_type", null,
                    "Upload files as multipart/form-data (fields 'purpose' and 'file').");
        }
        Matcher m = BOUNDARY.matcher(contentType);
        if (!m.find()) {
            throw ApiError.badRequest("invalid_content_type", null, "The multipart content type names no boundary.");
        }
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    static void read(InputStream in, String boundary, Sink sink) throws IOException {
        byte[] delim = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int[] fail = failure(delim);
        // The first boundary has no CRLF before it: start as if one had just been read.
        if (!scan(in, delim, fail, 2, OutputStream.nullOutputStream())) {
            throw malformed("no boundary found");
        }
        while (true) {
            int a = in.read();
            int b = in.read();
            if (a == '-' && b == '-') {
                return;
            }
            if (a != '\r' || b != '\n') {
                throw malformed("bad boundary line");
            }
            String headers = headers(in);
            Matcher name = NAME.matcher(headers);
            Matcher file = FILENAME.matcher(headers);
            try (OutputStream out = sink.part(name.find() ? name.group(1) : "", file.find() ? file.group(1) : null)) {
                if (!scan(in, delim, fail, 0, out)) {
                    throw malformed("the body ended inside a part");
                }
            }
        }
    }

    /** Copies bytes to {@code out} until the delimiter; false at the end of input. KMP, so overlaps are handled. */
    private static boolean scan(InputStream in, byte[] delim, int[] fail, int matched, OutputStream out) throws IOException {
        int j = matched;
        int c;
        while ((c = in.read()) >= 0) {
            byte b = (byte) c;
            while (j > 0 && b != delim[j]) {
                int k = fail[j - 1];
                out.write(delim, 0, j - k);
                j = k;
            }
            if (b == delim[j]) {
                j++;
                if (j == delim.length) {
                    return true;
                }
            } else {
                out.write(b);
            }
        }
        return false;
    }

    private static int[] failure(byte[] p) {
        int[] f = new int[p.length];
        for (int i = 1, k = 0; i < p.length; i++) {
            while (k > 0 && p[i] != p[k]) {
                k = f[k - 1];
            }
            if (p[i] == p[k]) {
                k++;
            }
            f[i] = k;
        }
        return f;
    }

    private static String headers(InputStream in) throws IOException {
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        int state = 0;
        int c;
        while ((c = in.read()) >= 0) {
            h.write(c);
            if (h.size() > MAX_HEADER_BYTES) {
                throw malformed("part headers too long");
            }
            state = (c == '\r' && (state == 0 || state == 2)) ? state + 1 : (c == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
            if (state == 4) {
                return h.toString(StandardCharsets.UTF_8);
            }
        }
        throw malformed("the body ended inside part headers");
    }

    private static ApiError malformed(String why) {
        return ApiError.badRequest("invalid_multipart", null, "The multipart body is malformed: " + why + ".");
    }
}
