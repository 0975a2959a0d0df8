package dev.bursar.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class NoFloatingPointTest {

    private static final Pattern FLOATING = Pattern.compile("\\b(double|float|Double|Float)\\b");

    @Test
    void noPricingSourceUsesDoubleOrFloat() throws IOException {
        Path dir = Path.of("src/main/java/dev/bursar/pricing");
        List<Path> sources;
        try (Stream<Path> files = Files.list(dir)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }

        assertThat(sources).hasSizeGreaterThan(5);
        for (Path source : sources) {
            String code = withoutComments(Files.readString(source));
            assertThat(FLOATING.matcher(code).find()).as(source + " uses a binary floating-point type").isFalse();
        }
    }

    private static String withoutComments(String code) {
        return code.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
    }
}
