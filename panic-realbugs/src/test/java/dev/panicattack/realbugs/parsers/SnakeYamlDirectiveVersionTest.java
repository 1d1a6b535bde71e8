package dev.panicattack.realbugs.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

import dev.panicattack.junit.Diagnose;
import dev.panicattack.realbugs.RealBug;
import dev.panicattack.signature.BugClass;

/**
 * SnakeYAML reads the version of a {@code %YAML} directive with {@code Integer.parseInt}, so a version
 * number beyond 32 bits ({@code %YAML 1.9224775801}, found by OSS-Fuzz) escapes as
 * {@link NumberFormatException} instead of the documented {@link YAMLException}: reported as
 * jackson-dataformats-text issue 406, fixed in SnakeYAML by pull request 60
 * (https://bitbucket.org/snakeyaml/snakeyaml/pull-requests/60). Buggy: 2.0; fixed in 2.1, which
 * rejects the directive with a {@code ScannerException}.
 */
@Diagnose
@RealBug(artifact = "org.yaml:snakeyaml", buggy = "2.0", fixed = "2.1", expected = BugClass.MALFORMED_INPUT_CRASH,
        issue = "https://github.com/FasterXML/jackson-dataformats-text/issues/406")
class SnakeYamlDirectiveVersionTest {

    @Test
    void answersBadRequestToAnOversizedDirectiveVersion() {
        assertThat(status("%YAML 1.9224775801\n--- service: orders\n")).isEqualTo(400);
    }

    /** The HTTP status a configuration endpoint answers to an uploaded YAML document. */
    private static int status(String body) {
        try {
            new Yaml().load(body);
            return 200;
        } catch (YAMLException malformed) {
            return 400;
        }
    }
}
