package dev.bursar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `bursar serve` that cannot start says why in one line on stderr and exits non-zero, without a stack trace. */
class ServeStartupErrorsTest {

    Path dir;

    @BeforeEach
    void tempDir() throws IOException {
        dir = Files.createTempDirectory("bursar-serve-errors");
    }

    @AfterEach
    void deleteTempDir() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** What `bursar serve --config` printed on stderr (picocli's and the JVM's) and its exit code. */
    record Run(int code, String stderr) { }

    Run serve(String yaml, String... extraArgs) throws IOException {
        Path config = dir.resolve("bursar.yaml");
        Files.writeString(config, yaml);
        StringWriter err = new StringWriter();
        ByteArrayOutputStream jvmErr = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(jvmErr, true, StandardCharsets.UTF_8));
        try {
            CommandLine cl = new CommandLine(new Main());
            cl.setErr(new PrintWriter(err, true));
            String[] args = Stream.concat(Stream.of("serve", "--config", config.toString()), Stream.of(extraArgs)).toArray(String[]::new);
            int code = cl.execute(args);
            return new Run(code, err + jvmErr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }

    static void assertOneClearLine(Run run, String... says) {
        assertThat(run.code()).isNotZero();
        assertThat(run.stderr().strip().lines().toList()).as(run.stderr()).hasSize(1);
        assertThat(run.stderr()).startsWith("bursar serve: ").doesNotContain("\tat ").doesNotContain("Exception");
        for (String s : says) {
            assertThat(run.stderr()).containsIgnoringCase(s);
        }
    }

    @Test
    void a_missing_database_folder_is_one_line() throws IOException {
        Path db = dir.resolve("no-such-folder").resolve("deeper").resolve("bursar.db");
        Files.writeString(dir.resolve("no-such-folder"), "a file where the folder should be");

        assertOneClearLine(serve("storage: { sqlite: \"" + db + "\" }\nproviders: [ { name: sim, type: sim } ]\n", "--port", "0"),
                "no-such-folder");
    }

    @Test
    void an_unreachable_postgres_url_is_one_line() throws IOException {
        assertOneClearLine(serve("storage: { postgres: \"jdbc:postgresql://127.0.0.1:1/nope\" }\nproviders: [ { name: sim, type: sim } ]\n",
                "--port", "0"), "127.0.0.1:1");
    }

    @Test
    void a_port_in_use_is_one_line() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Run run = serve("storage: { sqlite: \"" + dir.resolve("bursar.db") + "\" }\nproviders: [ { name: sim, type: sim } ]\n",
                    "--port", String.valueOf(taken.getLocalPort()));

            assertOneClearLine(run, String.valueOf(taken.getLocalPort()));
        }
    }

    @Test
    void a_bad_redis_url_is_one_line() throws IOException {
        assertOneClearLine(serve("storage: { sqlite: \"" + dir.resolve("bursar.db") + "\" }\nredis: \"http://127.0.0.1:6379\"\n"
                + "providers: [ { name: sim, type: sim } ]\n", "--port", "0"), "redis");
    }
}
