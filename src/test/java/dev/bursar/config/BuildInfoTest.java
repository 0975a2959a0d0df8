package dev.bursar.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `bursar --version` and /health report the version the build stamped, not a copy that can drift from the pom. */
class BuildInfoTest {

    @Test
    void the_version_is_the_poms() throws Exception {
        Matcher m = Pattern.compile("<artifactId>bursar</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(m.find()).isTrue();

        assertThat(BuildInfo.version()).isEqualTo(m.group(1));
    }

    @Test
    void bursar_version_prints_it() {
        java.io.StringWriter out = new java.io.StringWriter();
        CommandLine cli = new CommandLine(new dev.bursar.cli.Main());
        cli.setOut(new java.io.PrintWriter(out));

        cli.execute("--version");

        assertThat(out.toString().strip()).isEqualTo("bursar " + BuildInfo.version());
    }
}
