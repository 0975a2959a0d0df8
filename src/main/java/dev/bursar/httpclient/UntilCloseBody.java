package dev.bursar.httpclient;

import java.io.IOException;

/** A body with neither length nor chunking: it ends when the server closes the connection. */
final class UntilCloseBody extends BodyStream {

    private boolean closedByServer;

    UntilCloseBody(Connection connection, HostPool pool) {
        super(connection, pool, false);
    }

    @Override
    protected int readBody(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        closedByServer = n < 0;
        return n;
    }

    @Override
    protected boolean atEnd() {
        return closedByServer;
    }

    @Override
    protected int availableInBody() {
        return Integer.MAX_VALUE;
    }
}
