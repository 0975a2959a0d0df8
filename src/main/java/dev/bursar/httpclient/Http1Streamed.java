package dev.bursar.httpclient;

import java.io.InputStream;

/**
 * A response whose body arrives as it is read. Each read returns the bytes that have arrived (for a chunked body,
 * as each chunk arrives). The caller must close {@code body}: read to the end, the connection goes back to the
 * pool; closed early, it is discarded.
 */
public record Http1Streamed(int status, Http1Headers headers, InputStream body) {
}
