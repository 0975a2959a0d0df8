package dev.bursar.redis;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RESP2, the Redis wire format: commands go out as arrays of bulk strings; replies come back as Long (integer),
 * String (simple and bulk strings, UTF-8), null (nil), List (array, may hold nulls) or {@link RedisError}.
 */
final class Resp {

    private Resp() {
    }

    /** A growable byte buffer that commands are encoded into and that is written to the socket whole. */
    static final class Out {
        private byte[] bytes = new byte[4096];
        private int length;

        void command(List<String> args) {
            put('*');
            number(args.size());
            for (String a : args) {
                byte[] b = a.getBytes(StandardCharsets.UTF_8);
                put('$');
                number(b.length);
                ensure(b.length + 2);
                System.arraycopy(b, 0, bytes, length, b.length);
                length += b.length;
                put('\r');
                put('\n');
            }
        }

        int length() {
            return length;
        }

        byte[] bytes() {
            return bytes;
        }

        void clear() {
            length = 0;
        }

        private void number(long n) {
            String s = Long.toString(n);
            ensure(s.length() + 2);
            for (int i = 0; i < s.length(); i++) {
                bytes[length++] = (byte) s.charAt(i);
            }
            bytes[length++] = '\r';
            bytes[length++] = '\n';
        }

        private void put(char c) {
            ensure(1);
            bytes[length++] = (byte) c;
        }

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }
    }

    /** Reads one reply; error replies are returned as {@link RedisError} values, not thrown. */
    static Object read(InputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("Redis closed the connection");
        }
        return switch (type) {
            case '+' -> line(in);
            case '-' -> new RedisError(line(in));
            case ':' -> Long.parseLong(line(in));
            case '$' -> bulk(in, Integer.parseInt(line(in)));
            case '*' -> array(in, Integer.parseInt(line(in)));
            default -> throw new IOException("not a RESP reply (type byte " + type + ")");
        };
    }

    private static Object array(InputStream in, int n) throws IOException {
        if (n < 0) {
            return null;
        }
        List<Object> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            items.add(read(in));
        }
        return items;
    }

    private static String bulk(InputStream in, int n) throws IOException {
        if (n < 0) {
            return null;
        }
        byte[] b = in.readNBytes(n);
        if (b.length < n || in.read() != '\r' || in.read() != '\n') {
            throw new EOFException("Redis reply cut short");
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    /** A line up to CRLF, UTF-8 (error messages may quote keys, and keys hold customer names). */
    private static String line(InputStream in) throws IOException {
        byte[] b = new byte[32];
        int n = 0;
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("Redis reply cut short");
            }
            if (c == '\r') {
                if (in.read() != '\n') {
                    throw new IOException("malformed RESP line");
                }
                return new String(b, 0, n, StandardCharsets.UTF_8);
            }
            if (n == b.length) {
                b = Arrays.copyOf(b, n * 2);
            }
            b[n++] = (byte) c;
        }
    }
}
