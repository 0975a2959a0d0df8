package dev.bursar.httpclient;

/** A whole response, its body read to the end. */
public record Http1Response(int status, Http1Headers headers, byte[] body) {
}
