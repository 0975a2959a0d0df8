package dev.bursar.redis;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLSocketFactory;

/**
 * One connection to Redis shared by every caller in the process, pipelined: commands of concurrent callers are
 * written to the socket together by one writer thread and their replies read back in order by one reader thread. The
 * writer is a virtual thread that runs after the callers already runnable, so under load it finds the commands of
 * many calls queued and writes them with one system call. A call then costs a share of one write and one read
 * instead of a round trip of its own (a pool of blocking connections costs each call
 * a write, a read, a park and a wake-up; with budgets and rate limits that was two thirds of the gateway's CPU).
 *
 * <p>Commands run in the order {@link #send} was called, so a caller that sends without waiting (a settle) is still
 * seen by every later command of this process. When the connection breaks, every command in flight fails with
 * {@link RedisUnavailable} (it may or may not have run) and the next command connects again; after a failed connect,
 * commands fail at once for {@link #RECONNECT_PAUSE_MILLIS} so a dead server does not cost every call a timeout.
 */
public final class RedisPipe implements AutoCloseable {

    public static final int CONNECT_TIMEOUT_MILLIS = 1_000;
    /** Long enough for a busy Redis (a script waits behind others), short enough not to hang a call on a dead one. */
    public static final int REPLY_TIMEOUT_MILLIS = 2_000;
    static final int RECONNECT_PAUSE_MILLIS = 200;
    static final int WATCHDOG_PERIOD_MILLIS = 100;

    private final RedisAddress address;
    private final String clientName;
    private final ReentrantLock lock = new ReentrantLock();
    /** Scripts loaded on every new connection, so that EVALSHA finds them and commands keep their order. */
    private final Set<LuaScript> scripts = new LinkedHashSet<>();
    private Link link;
    private long pausedUntilNanos;
    private String lastConnectError;
    private boolean closed;

    /** Connects lazily, on the first command. {@code clientName} shows in CLIENT LIST. */
    public RedisPipe(String url, String clientName) {
        this.address = RedisAddress.parse(url);
        this.clientName = clientName;
    }

    /** The URL without its password, for messages. */
    public String where() {
        return address.where();
    }

    /** Queues a command; the future completes with its reply, or fails with {@link RedisError} or {@link RedisUnavailable}. */
    public CompletableFuture<Object> send(List<String> command) {
        CompletableFuture<Object> reply = new CompletableFuture<>();
        lock.lock();
        try {
            live().queue(command, reply);
        } catch (RedisUnavailable e) {
            reply.completeExceptionally(e);
        } finally {
            lock.unlock();
        }
        return reply;
    }

    /** Sends and waits up to {@link #REPLY_TIMEOUT_MILLIS} for the reply. */
    public Object call(List<String> command) {
        return await(send(command));
    }

    /**
     * Waits for a reply of this pipe. No timer per call (a timed wait costs the scheduler two wake-ups): each connection
     * has a watchdog that breaks it when its oldest command has waited {@link #REPLY_TIMEOUT_MILLIS}, which fails
     * every command in flight, since replies come in order.
     */
    public Object await(CompletableFuture<Object> reply) {
        try {
            return reply.join();
        } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
            throw unwrap(e.getCause() == null ? e : e.getCause());
        }
    }

    /** The exception a failed reply future holds, as the runtime exception callers catch. */
    public static RuntimeException unwrap(Throwable t) {
        while (t instanceof java.util.concurrent.CompletionException || t instanceof ExecutionException) {
            if (t.getCause() == null) {
                break;
            }
            t = t.getCause();
        }
        return t instanceof RuntimeException r ? r : new RedisUnavailable(String.valueOf(t.getMessage()), t);
    }

    /** Loads {@code script} on this and every later connection, ahead of any command sent after this call. */
    public void preload(LuaScript script) {
        boolean live;
        lock.lock();
        try {
            live = scripts.add(script) && link != null && !link.broken;
        } finally {
            lock.unlock();
        }
        if (live) {
            send(List.of("SCRIPT", "LOAD", script.source()));
        }
    }

    @Override
    public void close() {
        Link l;
        lock.lock();
        try {
            closed = true;
            l = link;
        } finally {
            lock.unlock();
        }
        if (l != null) {
            l.fail("was closed");
        }
    }

    /** The connection, made if there is none; under the lock. */
    private Link live() {
        if (closed) {
            throw new RedisUnavailable("the connection to Redis at " + where() + " is closed");
        }
        if (link != null && !link.broken) {
            return link;
        }
        if (System.nanoTime() - pausedUntilNanos < 0) {
            throw new RedisUnavailable("cannot reach Redis at " + where() + ": " + lastConnectError);
        }
        try {
            link = new Link(connect());
            return link;
        } catch (IOException | RedisError e) {
            lastConnectError = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            pausedUntilNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RECONNECT_PAUSE_MILLIS);
            throw new RedisUnavailable("cannot reach Redis at " + where() + ": " + lastConnectError, e);
        }
    }

    /** A new socket, logged in, database selected, named, scripts loaded; replies read here, before the reader starts. */
    private Socket connect() throws IOException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(address.host(), address.port()), CONNECT_TIMEOUT_MILLIS);
            if (address.tls()) {
                s = ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(s, address.host(), address.port(), true);
            }
            s.setTcpNoDelay(true);
            s.setSoTimeout(REPLY_TIMEOUT_MILLIS);
            List<List<String>> hello = new ArrayList<>();
            if (address.password() != null) {
                hello.add(address.user() == null ? List.of("AUTH", address.password()) : List.of("AUTH", address.user(), address.password()));
            }
            if (address.database() != 0) {
                hello.add(List.of("SELECT", Integer.toString(address.database())));
            }
            hello.add(List.of("CLIENT", "SETNAME", clientName));
            scripts.forEach(script -> hello.add(List.of("SCRIPT", "LOAD", script.source())));
            Resp.Out out = new Resp.Out();
            hello.forEach(out::command);
            s.getOutputStream().write(out.bytes(), 0, out.length());
            InputStream in = s.getInputStream();
            for (int i = 0; i < hello.size(); i++) {
                if (Resp.read(in) instanceof RedisError e) {
                    throw e;
                }
            }
            s.setSoTimeout(0);
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private record Waiting(CompletableFuture<Object> reply, long sentNanos) {
    }

    /** One socket: the commands written to it and the futures waiting for their replies, oldest first. */
    private final class Link {
        final Socket socket;
        final OutputStream socketOut;
        final InputStream socketIn;
        final ArrayDeque<Waiting> pending = new ArrayDeque<>();
        final Condition queued = lock.newCondition();
        Resp.Out out = new Resp.Out();
        Resp.Out spare = new Resp.Out();
        boolean broken;

        Link(Socket socket) throws IOException {
            this.socket = socket;
            this.socketOut = socket.getOutputStream();
            this.socketIn = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            Thread.ofVirtual().name("bursar-redis-reader").start(this::readReplies);
            Thread.ofVirtual().name("bursar-redis-writer").start(this::writeCommands);
            Thread.ofVirtual().name("bursar-redis-watchdog").start(this::watch);
        }

        /** Breaks the link when the oldest command has waited too long; checks a few times a second. */
        private void watch() {
            long limit = TimeUnit.MILLISECONDS.toNanos(REPLY_TIMEOUT_MILLIS);
            while (true) {
                try {
                    Thread.sleep(WATCHDOG_PERIOD_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
                Waiting oldest;
                lock.lock();
                try {
                    if (broken) {
                        return;
                    }
                    oldest = pending.peek();
                } finally {
                    lock.unlock();
                }
                if (oldest != null && System.nanoTime() - oldest.sentNanos() > limit) {
                    fail("sent no reply within " + REPLY_TIMEOUT_MILLIS + " ms");
                    return;
                }
            }
        }

        /** Under the lock. */
        void queue(List<String> command, CompletableFuture<Object> reply) {
            boolean wasEmpty = out.length() == 0;
            out.command(command);
            pending.add(new Waiting(reply, System.nanoTime()));
            if (wasEmpty) {
                queued.signal();
            }
        }

        /** Writes whatever callers queued since the last write, in one system call, until the link breaks. */
        private void writeCommands() {
            while (true) {
                Resp.Out chunk;
                lock.lock();
                try {
                    while (out.length() == 0 && !broken) {
                        queued.awaitUninterruptibly();
                    }
                    if (broken) {
                        return;
                    }
                    chunk = out;
                    out = spare;
                } finally {
                    lock.unlock();
                }
                try {
                    socketOut.write(chunk.bytes(), 0, chunk.length());
                } catch (IOException e) {
                    fail("could not be written to (" + e.getMessage() + ")");
                    return;
                }
                chunk.clear();
                spare = chunk; // only this thread swaps buffers, and out is never the spare
            }
        }

        private void readReplies() {
            try {
                while (true) {
                    Object reply = Resp.read(socketIn);
                    Waiting waiting;
                    lock.lock();
                    try {
                        waiting = pending.poll();
                    } finally {
                        lock.unlock();
                    }
                    if (waiting == null) {
                        throw new IOException("Redis sent a reply nobody asked for");
                    }
                    if (reply instanceof RedisError e) {
                        waiting.reply().completeExceptionally(e);
                    } else {
                        waiting.reply().complete(reply);
                    }
                }
            } catch (IOException | RuntimeException e) {
                fail("connection lost (" + e.getMessage() + ")");
            }
        }

        /** Closes the socket and fails every command in flight; the next command connects again. */
        void fail(String why) {
            List<Waiting> orphans;
            lock.lock();
            try {
                if (broken) {
                    return;
                }
                broken = true;
                queued.signal();
                if (link == this) {
                    link = null;
                }
                orphans = new ArrayList<>(pending);
                pending.clear();
            } finally {
                lock.unlock();
            }
            try {
                socket.close();
            } catch (IOException ignored) {
                // already broken
            }
            RedisUnavailable e = new RedisUnavailable("Redis at " + where() + " " + why);
            orphans.forEach(w -> w.reply().completeExceptionally(e));
        }
    }
}
