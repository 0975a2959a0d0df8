package dev.bursar.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real webhook receiver on 127.0.0.1: records every request; answers scripted statuses, then 200. */
final class Receiver implements AutoCloseable {

    record Received(String path, JsonNode body, String authorization) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Integer> script = new ArrayDeque<>();

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next requests are answered with these statuses, in order. */
    void answer(Integer... statuses) {
        synchronized (script) {
            script.addAll(List.of(statuses));
        }
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        received.add(new Received(ex.getRequestURI().getPath(), JSON.readTree(new String(body, StandardCharsets.UTF_8)),
                ex.getRequestHeaders().getFirst("Authorization")));
        Integer status;
        synchronized (script) {
            status = script.pollFirst();
        }
        ex.sendResponseHeaders(status == null ? 200 : status, -1);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
