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
        return open(key, deadlineNanos, connectTimeoutMillis);
    }

    /**
     * Connects within {@code connectMillis} (TCP and TLS together) and the call's deadline. When the connect bound
     * ran out first the failure is a {@link PhaseTimeoutException} of phase CONNECT; when the call's deadline did,
     * a plain {@link SocketTimeoutException} (the caller knows which phase its deadline bounds).
     */
    Connection open(PoolKey key, long deadlineNanos, int connectMillis) throws IOException {
        long connectDeadline = System.nanoTime() + connectMillis * 1_000_000L;
        boolean callBound = deadlineNanos != ConnectionInput.NO_DEADLINE && deadlineNanos - connectDeadline < 0;
        long until = callBound ? deadlineNanos : connectDeadline;
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(key.address(), key.port()), timeoutMillis(until));
            return new Connection(key.tls() ? handshake(socket, key, timeoutMillis(until)) : socket, watchdog);
        } catch (SocketTimeoutException e) {
            socket.close();
            if (callBound) {
                throw e;
            }
            PhaseTimeoutException t = new PhaseTimeoutException(PhaseTimeoutException.Phase.CONNECT,
                    "no connection to " + key.address() + ":" + key.port() + " within " + connectMillis + " ms");
            t.initCause(e);
            throw t;
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

    private static int timeoutMillis(long untilNanos) throws SocketTimeoutException {
        long left = (untilNanos - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("the time to connect ran out before the connection was open");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }
}
