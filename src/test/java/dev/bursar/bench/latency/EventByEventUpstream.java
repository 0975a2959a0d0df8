package dev.bursar.bench.latency;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A fake OpenAI upstream for the stream benches that sends each SSE event as its own HTTP chunk and its own write, as
 * real providers do (nginx serving a file sends the whole stream in one segment, which hides the gateway's per-event
 * cost). {@code POST /whole/...} answers the whole JSON at once; {@code POST /stream/...} the events one by one, back
 * to back (for throughput); {@code POST /paced/...} the same events {@code gapMillis} apart, as a model generates
 * them. One platform thread per keep-alive connection.
 *
 * <p>Usage: {@code EventByEventUpstream PORT WHOLE_JSON_FILE SSE_FILE [PACED_GAP_MS, default 2]}.
 */
public final class EventByEventUpstream {

    private final byte[] whole;
    private final List<byte[]> events;
    private final long gapMillis;

    EventByEventUpstream(byte[] wholeJson, String sse, long gapMillis) {
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + wholeJson.length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        this.whole = concat(head, wholeJson);
        this.events = new ArrayList<>();
        for (String event : sse.split("\n\n")) {
            if (event.isBlank()) {
                continue;
            }
            byte[] data = (event.strip() + "\n\n").getBytes(StandardCharsets.UTF_8);
            byte[] size = (Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            events.add(concat(concat(size, data), "\r\n".getBytes(StandardCharsets.US_ASCII)));
        }
        this.gapMillis = gapMillis;
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        EventByEventUpstream upstream = new EventByEventUpstream(Files.readAllBytes(Path.of(args[1])),
                Files.readString(Path.of(args[2])), args.length > 3 ? Long.parseLong(args[3]) : 2);
        try (ServerSocket server = new ServerSocket(port, 4096, InetAddress.getLoopbackAddress())) {
            while (true) {
                Socket s = server.accept();
                Thread.ofPlatform().daemon().start(() -> upstream.serve(s));
            }
        }
    }

    void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 65536);
            OutputStream out = socket.getOutputStream();
            StringBuilder line = new StringBuilder();
            while (true) {
                String requestLine = readLine(in, line);
                if (requestLine == null) {
                    return;
                }
                long length = 0;
                String header;
                while (!(header = readLine(in, line)).isEmpty()) {
                    if (header.regionMatches(true, 0, "content-length:", 0, 15)) {
                        length = Long.parseLong(header.substring(15).trim());
                    }
                }
                in.skipNBytes(length);
                if (requestLine.contains("/stream/")) {
                    stream(out, 0);
                } else if (requestLine.contains("/paced/")) {
                    stream(out, gapMillis);
                } else {
                    out.write(whole);
                    out.flush();
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away
        }
    }

    private void stream(OutputStream out, long gap) throws IOException, InterruptedException {
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        for (byte[] event : events) {
            if (gap > 0) {
                Thread.sleep(gap);
            }
            out.write(event);
            out.flush();
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String readLine(InputStream in, StringBuilder line) throws IOException {
        line.setLength(0);
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                return null;
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
