package dev.panicattack.realbugs.recursion;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.panicattack.junit.Diagnose;
import dev.panicattack.realbugs.RealBug;
import dev.panicattack.signature.BugClass;

/**
 * jackson-databind's {@code UntypedObjectDeserializer} (binding JSON to {@code Object}) recurses once per
 * nesting level, so a deeply nested array ends in a {@link StackOverflowError} instead of a
 * {@link JsonProcessingException} (CVE-2020-36518). Buggy: 2.13.2; fixed in 2.13.2.1, which stops at a
 * nesting limit with a {@code JsonParseException}.
 */
@Diagnose
@RealBug(artifact = "com.fasterxml.jackson.core:jackson-databind", buggy = "2.13.2", fixed = "2.13.2.1",
        expected = BugClass.UNBOUNDED_RECURSION, issue = "https://github.com/FasterXML/jackson-databind/issues/2816")
class JacksonUntypedNestingTest {

    @Test
    void rejectsADeeplyNestedDocument() {
        String nested = "[".repeat(100_000) + "]".repeat(100_000);
        try {
            Object value = new ObjectMapper().readValue(nested, Object.class);
            assertThat(value).isNotNull();
        } catch (JsonProcessingException rejected) {
            // the documented answer to input the mapper will not bind
        }
    }
}
