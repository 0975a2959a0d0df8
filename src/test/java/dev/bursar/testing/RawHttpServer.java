package dev.bursar.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bare HTTP/1.1 server on 127.0.0.1 (or over a given {@link ServerSocket}, e.g. TLS) whose connections are
 * scripted byte by byte: for testing what an HTTP client does when a server closes idle sockets, cuts a body, or
 * answers slowly. Each accepted connection runs {@code script} on its own virtual thread.
 */
public final class RawHttpServer implements AutoCloseable {

    /** What one connection does. */
    @FunctionalInterface
    public interface Script {
        void serve(Conn conn) throws Exception;
    }

    /** A received request. {@code headers} keys are lower-case. */
    public record Request(String method, String target, Map<String, String> headers, byte[] body) {
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** One accepted connection. */
    public static final class Conn {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final int number;

        Conn(Socket socket, int number) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
            this.number = number;
        }

        /** 1 for the first connection the server accepted, 2 for the second... */
        public int number() {
            return number;
        }

        /** The next request, or empty once the client closed the connection. */
        public Optional<Request> readRequest() throws IOException {
            String requestLine = line();
            if (requestLine == null) {
                return Optional.empty();
            }
            Map<String, String> headers = new LinkedHashMap<>();
            String h;
            while ((h = line()) != null && !h.isEmpty()) {
                int colon = h.indexOf(':');
                headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            byte[] body = in.readNBytes(length);
            String[] parts = requestLine.split(" ");
            return Optional.of(new Request(parts[0], parts[1], headers, body));
        }

        public Conn write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return this;
        }

        public Conn write(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
            return this;
        }

        /** A whole response with Content-Length. */
        public Conn respond(int status, String body) throws IOException {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            return write(("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: " + b.length
                    + "\r\n\r\n" + body));
        }

        /** Writes one chunk of a chunked body. */
        public Conn chunk(String data) throws IOException {
            byte[] b = data.getBytes(StandardCharsets.UTF_8);
            return write(Integer.toHexString(b.length) + "\r\n" + data + "\r\n");
        }

        public Socket socket() {
            return socket;
        }

        public void close() throws IOException {
            socket.close();
        }

        private String line() throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                b.write(c);
            }
            if (c < 0 && b.size() == 0) {
                return null;
            }
            String s = b.toString(StandardCharsets.ISO_8859_1);
            return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
        }
    }

    private final ServerSocket server;
    private final Script script;
    private final AtomicInteger accepted = new AtomicInteger();
    private final CopyOnWriteArrayList<Socket> open = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Throwable> failures = new CopyOnWriteArrayList<>();

    private RawHttpServer(ServerSocket server, Script script) {
        this.server = server;
        this.script = script;
        Thread.ofVirtual().name("raw-http-accept").start(this::acceptLoop);
    }

    public static RawHttpServer start(Script script) {
        try {
            return new RawHttpServer(new ServerSocket(0, 512, InetAddress.getLoopbackAddress()), script);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Serves on an already bound server socket (e.g. an {@code SSLServerSocket}). */
    public static RawHttpServer start(ServerSocket bound, Script script) {
        return new RawHttpServer(bound, script);
    }

    /** Keeps answering every request on every connection with {@code status} and {@code body}. */
    public static Script answering(int status, String body) {
        return conn -> {
            while (conn.readRequest().isPresent()) {
                conn.respond(status, body);
            }
        };
    }

    public int port() {
        return server.getLocalPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Connections accepted so far. */
    public int connections() {
        return accepted.get();
    }

    /** Exceptions thrown by scripts other than the client going away. */
    public java.util.List<Throwable> failures() {
        return java.util.List.copyOf(failures);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                int number = accepted.incrementAndGet();
                open.add(s);
                Thread.ofVirtual().start(() -> run(s, number));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void run(Socket s, int number) {
        try (s) {
            script.serve(new Conn(s, number));
        } catch (IOException clientGone) {
            // the client closed or reset the connection: part of the scenarios under test
        } catch (Exception | Error e) {
            failures.add(e);
        } finally {
            open.remove(s);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
