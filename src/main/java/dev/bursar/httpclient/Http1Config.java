package dev.bursar.httpclient;

import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * How an {@link Http1Client} connects and pools.
 *
 * @param maxConnectionsPerHost open connections (idle and busy) allowed per scheme, host and port; a call that
 *                              finds none free waits, within its own timeout, for one to come back
 * @param idleTimeout           an idle pooled connection older than this is closed instead of reused
 * @param connectTimeout        bound on TCP connect plus TLS handshake (a call's own timeout may cut it shorter)
 * @param sslContext            trust and key material for {@code https}
 */
public record Http1Config(int maxConnectionsPerHost, Duration idleTimeout, Duration connectTimeout, SSLContext sslContext) {

    public static final int DEFAULT_MAX_CONNECTIONS_PER_HOST = 256;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    public Http1Config {
        if (maxConnectionsPerHost < 1) {
            throw new IllegalArgumentException("maxConnectionsPerHost must be at least 1, got " + maxConnectionsPerHost);
        }
        requirePositive("idleTimeout", idleTimeout);
        requirePositive("connectTimeout", connectTimeout);
        if (sslContext == null) {
            throw new IllegalArgumentException("sslContext is required; use Http1Config.defaults() for the JDK's default trust store");
        }
    }

    /** 256 connections per host, 60 s idle eviction, 10 s connect timeout, the JDK's default trust store. */
    public static Http1Config defaults() {
        try {
            return new Http1Config(DEFAULT_MAX_CONNECTIONS_PER_HOST, DEFAULT_IDLE_TIMEOUT, DEFAULT_CONNECT_TIMEOUT,
                    SSLContext.getDefault());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no default TLS context: check the java.security configuration", e);
        }
    }

    public Http1Config withSslContext(SSLContext context) {
        return new Http1Config(maxConnectionsPerHost, idleTimeout, connectTimeout, context);
    }

    public Http1Config withMaxConnectionsPerHost(int max) {
        return new Http1Config(max, idleTimeout, connectTimeout, sslContext);
    }

    public Http1Config withIdleTimeout(Duration idle) {
        return new Http1Config(maxConnectionsPerHost, idle, connectTimeout, sslContext);
    }

    public Http1Config withConnectTimeout(Duration connect) {
        return new Http1Config(maxConnectionsPerHost, idleTimeout, connect, sslContext);
    }

    private static void requirePositive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + d);
        }
    }
}
