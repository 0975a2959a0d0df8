package dev.bursar.httpclient;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/** Opens new connections: TCP with TCP_NODELAY, then TLS with SNI and hostname verification for https. */
final class Connector {

    private final SSLSocketFactory tls;
    private final int connectTimeoutMillis;
    private final ReadWatchdog watchdog;

    Connector(SSLSocketFactory tls, int connectTimeoutMillis, ReadWatchdog watchdog) {
        this.tls = tls;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.watchdog = watchdog;
    }

    Connection open(PoolKey key, long deadlineNanos) throws IOException {
        int timeout = timeoutMillis(deadlineNanos);
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(key.address(), key.port()), timeout);
            return new Connection(key.tls() ? handshake(socket, key, timeoutMillis(deadlineNanos)) : socket, watchdog);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private SSLSocket handshake(Socket plain, PoolKey key, int timeout) throws IOException {
        SSLSocket ssl = (SSLSocket) tls.createSocket(plain, key.address(), key.port(), true);
        SSLParameters params = ssl.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        if (!key.isIpLiteral()) {
            params.setServerNames(List.of(new SNIHostName(key.address())));
        }
        params.setApplicationProtocols(new String[] {"http/1.1"});
        ssl.setSSLParameters(params);
        ssl.setSoTimeout(timeout);
        ssl.startHandshake();
        // Reads after the handshake are bounded by ReadWatchdog; a socket timeout would arm a timer per read.
        ssl.setSoTimeout(0);
        return ssl;
    }

    private int timeoutMillis(long deadlineNanos) throws SocketTimeoutException {
        if (deadlineNanos == ConnectionInput.NO_DEADLINE) {
            return connectTimeoutMillis;
        }
        long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("call deadline passed before the connection was open");
        }
        return (int) Math.min(connectTimeoutMillis, left);
    }
}
