package dev.bursar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bursar.testing.Await;
import dev.bursar.testing.FakeUpstream;
import dev.bursar.testing.FakeUpstream.Reply;
import dev.bursar.testing.Golden;
import dev.bursar.testing.RunningBursar;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every thread a Bursar starts is its own: started by Bursar.start, ended by close. */
class BursarThreadsTest {

    private static final String CHAT = """
            {"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"Hi"}]}""";

    @Test
    void a_closed_bursar_leaves_none_of_its_threads_running() {
        Set<Thread> before = bursarThreads();
        Set<Thread> ours;
        try (FakeUpstream upstream = FakeUpstream.start();
             RunningBursar bursar = RunningBursar.start("""
                     providers:
                       - { name: up, type: openai, base-url: "%s/v1", api-key: sk-upstream, timeout: 2s }
                     models:
                       - { name: gpt-4o-mini, provider: up }
                     """.formatted(upstream.baseUrl()))) {
            upstream.on("/v1/chat/completions", Reply.sse(FakeUpstream.sseEvents(Golden.text("gateway/openai-stream.sse")),
                    Duration.ofMillis(1)));
            HttpResponse<String> r = bursar.post("/v1/chat/completions", CHAT);
            assertThat(r.statusCode()).isEqualTo(200);

            ours = bursarThreads();
            ours.removeAll(before);
            assertThat(names(ours)).as("this Bursar's own upstream client threads")
                    .contains("bursar-read-watchdog", "bursar-http1-idle-sweeper");
        }

        Await.until("the closed Bursar's threads end: " + names(ours), Duration.ofSeconds(10),
                () -> ours.stream().noneMatch(Thread::isAlive));
        Set<Thread> left = bursarThreads();
        left.removeAll(before);
        assertThat(names(left)).as("Bursar threads started since the test began and still alive").isEmpty();
    }

    /** Platform threads named by Bursar (virtual threads are not listed by the JVM, and end with their work). */
    private static Set<Thread> bursarThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("bursar-") && t.isAlive())
                .collect(Collectors.toCollection(HashSet::new));
    }

    private static List<String> names(Set<Thread> threads) {
        return threads.stream().map(Thread::getName).sorted().toList();
    }
}
