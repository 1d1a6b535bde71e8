package dev.panicattack.chaosmesh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Every file under {@code broken/} is a manifest a cluster would reject, with its first line
 * {@code # rejected at: <field>}; the validator must reject it with a violation naming that field.
 */
class BrokenManifestCorpusTest {

    private static final ManifestValidator VALIDATOR = ManifestValidator.create();
    private static final String PREFIX = "# rejected at: ";

    static List<Path> corpus() throws IOException, URISyntaxException {
        Path directory = Path.of(BrokenManifestCorpusTest.class.getResource("/broken").toURI());
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void theCorpusHoldsAtLeastThirtyManifests() throws Exception {
        assertThat(corpus()).hasSizeGreaterThanOrEqualTo(30);
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void eachBrokenManifestIsRejectedNamingItsField(Path file) throws IOException {
        String text = Files.readString(file);
        String field = text.lines().findFirst().orElseThrow().substring(PREFIX.length());
        JsonNode manifest = new ManifestYaml().documents(text).get(0);

        List<ManifestViolation> violations = VALIDATOR.validate(manifest);

        assertThat(violations).as(file.getFileName().toString())
                .anySatisfy(violation -> assertThat(violation.field()).matches(
                        java.util.regex.Pattern.quote(field) + "(\\[[0-9]+\\])?"));
    }
}
