package dev.bursar.wire;

import java.util.Optional;

/**
 * The client sent something Bursar will not serve: the one exception that means "the client's fault" (HTTP 400, or
 * 404 for {@link #notFound}). Anything else that escapes the request path is Bursar's own failure (500), so a bug can
 * never hide as a client error, nor a client error show as a 500.
 *
 * <p>The message says what to fix; {@code param} names the field when there is one.
 */
public final class BadRequest extends RuntimeException {

    private final String code;
    private final String param;
    private final int status;

    private BadRequest(int status, String code, String param, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.param = param;
    }

    /** 400 with an error code such as {@code invalid_request} and the offending field, or null. */
    public static BadRequest of(String code, String param, String message) {
        return new BadRequest(400, code, param, message);
    }

    /** 400 for a field that is wrong; the code is {@code invalid_request}. */
    public static BadRequest field(String param, String message) {
        return new BadRequest(400, "invalid_request", param, message);
    }

    /** 404: the thing the client named does not exist. */
    public static BadRequest notFound(String code, String param, String message) {
        return new BadRequest(404, code, param, message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Optional<String> param() {
        return Optional.ofNullable(param);
    }
}
