package dev.panicattack.realbugs.recursion;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

import dev.panicattack.junit.Diagnose;
import dev.panicattack.realbugs.RealBug;
import dev.panicattack.signature.BugClass;

/**
 * SnakeYAML composes and constructs nested collections recursively with no depth limit, so a document
 * of deeply nested flow sequences ends in a {@link StackOverflowError} (CVE-2022-25857). Buggy: 1.30;
 * fixed in 1.31, which rejects nesting deeper than {@code LoaderOptions.maxNestingDepth} (50) with a
 * {@link YAMLException}.
 */
@Diagnose
@RealBug(artifact = "org.yaml:snakeyaml", buggy = "1.30", fixed = "1.31", expected = BugClass.UNBOUNDED_RECURSION,
        issue = "https://nvd.nist.gov/vuln/detail/CVE-2022-25857")
class SnakeYamlNestedCollectionsTest {

    @Test
    void rejectsDeeplyNestedSequences() {
        String nested = "[".repeat(10_000) + "]".repeat(10_000);
        try {
            Object document = new Yaml().load(nested);
            assertThat(document).isNotNull();
        } catch (YAMLException rejected) {
            // the documented answer to a document SnakeYAML will not load
        }
    }
}
