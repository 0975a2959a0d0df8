package dev.bursar.alerts;

import dev.bursar.config.WebhookConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sends alerts to every configured webhook on virtual threads, off the caller's path, with retries; every call is
 * recorded in {@code alert_deliveries}. Also runs other background alert work so {@link #flush} can wait for it all.
 */
final class Webhooks implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Webhooks.class.getName());

    private final List<WebhookConfig> hooks;
    private final RetryPolicy retry;
    private final AlertStore store;
    private final Clock clock;
    private final HttpClient http;
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("bursar-alert-", 0).factory());
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private int inFlight;

    Webhooks(List<WebhookConfig> hooks, RetryPolicy retry, AlertStore store, Clock clock) {
        this.hooks = List.copyOf(hooks);
        this.retry = retry;
        this.store = store;
        this.clock = clock;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(retry.timeout()).build();
    }

    /** Queues {@code event} ("fired" or "resolved") of {@code alert} for every webhook and returns at once. */
    void deliver(AlertRecord alert, String event) {
        for (int i = 0; i < hooks.size(); i++) {
            WebhookConfig hook = hooks.get(i);
            String label = "#" + i + " " + origin(hook.url());
            run(() -> send(hook, label, alert, event));
        }
    }

    /** Runs {@code work} in the background; failures are logged, never thrown at the caller. */
    void run(Runnable work) {
        lock.lock();
        try {
            inFlight++;
        } finally {
            lock.unlock();
        }
        try {
            executor.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "alert background work failed: " + e.getMessage(), e);
                } finally {
                    done();
                }
            });
        } catch (RuntimeException rejected) {
            done();
            throw rejected;
        }
    }

    /** Waits until all queued work has finished; false on timeout. */
    boolean flush(Duration timeout) throws InterruptedException {
        long left = timeout.toNanos();
        lock.lock();
        try {
            while (inFlight > 0) {
                if (left <= 0) {
                    return false;
                }
                left = idle.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void done() {
        lock.lock();
        try {
            if (--inFlight == 0) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private void send(WebhookConfig hook, String label, AlertRecord alert, String event) {
        String body = hook.format().equals("slack") ? AlertJson.slack(alert, event) : AlertJson.webhook(alert, event);
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(hook.url())).timeout(retry.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "bursar-alerts")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        hook.headers().forEach(req::header);
        HttpRequest request = req.build();
        for (int attempt = 1; attempt <= retry.attempts(); attempt++) {
            int status = 0;
            String error = null;
            try {
                status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status < 200 || status >= 300) {
                    error = "receiver answered HTTP " + status;
                }
            } catch (IOException e) {
                error = "no response: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = "interrupted while Bursar shut down";
            }
            boolean delivered = error == null;
            record(new DeliveryAttempt(alert.id(), event, label, attempt, clock.instant(), status, error, delivered));
            boolean retriable = !delivered && (status == 0 || status == 429 || status >= 500)
                    && !Thread.currentThread().isInterrupted();
            if (!retriable || attempt == retry.attempts() || !sleep(retry.waitAfter(attempt))) {
                if (!delivered) {
                    LOG.log(System.Logger.Level.WARNING, "alert " + alert.id() + " (" + alert.rule() + ") not delivered to webhook "
                            + label + " after " + attempt + " attempt(s): " + error);
                }
                return;
            }
        }
    }

    private void record(DeliveryAttempt a) {
        try {
            store.recordAttempt(a);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not record alert delivery attempt: " + e.getMessage());
        }
    }

    private static boolean sleep(Duration d) {
        try {
            Thread.sleep(d);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static String origin(String url) {
        URI u = URI.create(url);
        return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
    }

    /** Lets running deliveries finish for a moment, then interrupts them (their retries stop). */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        http.close();
    }
}
