package dev.bursar.reconcile;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-process stand-in for a provider's admin report endpoint: serves saved pages in order, the next one when the
 * request's {@code page} cursor is the previous page's {@code next_page}, and refuses a wrong admin key with 401.
 */
public final class FakeProviderApi implements AutoCloseable {

    private final HttpServer server;
    public final List<String> requests = new CopyOnWriteArrayList<>();

    /** {@code keyHeader} is "Authorization" (value "Bearer KEY") or "x-api-key" (value "KEY"). */
    public FakeProviderApi(String path, List<String> pages, String keyHeader, String keyValue) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(path, exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            requests.add(exchange.getRequestURI().getPath() + "?" + query);
            String key = exchange.getRequestHeaders().getFirst(keyHeader);
            int index = page(query, pages);
            boolean authorised = keyValue.equals(key);
            byte[] body = (authorised ? pages.get(index)
                    : "{\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid admin key\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(authorised ? 200 : 401, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** The page whose predecessor's next_page is the request's cursor; the first page without one. */
    private static int page(String query, List<String> pages) {
        for (String p : query == null ? new String[0] : query.split("&")) {
            if (p.startsWith("page=")) {
                String cursor = java.net.URLDecoder.decode(p.substring(5), StandardCharsets.UTF_8);
                for (int i = 0; i < pages.size() - 1; i++) {
                    if (pages.get(i).contains("\"" + cursor + "\"")) {
                        return i + 1;
                    }
                }
                throw new IllegalStateException("unknown cursor " + cursor);
            }
        }
        return 0;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
