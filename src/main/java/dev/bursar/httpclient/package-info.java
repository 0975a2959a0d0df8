/**
 * A blocking HTTP/1.1 client for virtual threads ({@link dev.bursar.httpclient.Http1Client}): pooled keep-alive
 * connections, chunked and fixed-length bodies, TLS, and read deadlines kept by one watchdog thread.
 *
 * <p>It owns the bytes on the socket and nothing else: it knows no provider, no wire format and no Bursar type, so
 * it sits beside {@code dev.bursar.redis} as infrastructure. {@code dev.bursar.providers.UpstreamHttp} is its one
 * user and turns its {@link java.io.IOException}s into provider errors.
 */
package dev.bursar.httpclient;
