package dev.panicattack.realbugs.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import dev.panicattack.junit.UnderPressure;
import dev.panicattack.realbugs.RealBug;
import dev.panicattack.signature.BugClass;

/**
 * jackson-core before 2.15 converts a number token of any length, and the JDK's conversion of a decimal
 * text to {@link BigInteger} takes time quadratic in its length, so one request carrying a number of
 * half a million digits keeps a core busy for tens of seconds. Fixed in 2.15.0 by pull request #827
 * ({@code StreamReadConstraints}: numbers longer than 1000 characters are refused with a
 * {@code StreamConstraintsException}). Buggy: 2.14.2. The request has a budget of 5 s and runs on a
 * busy processor.
 */
@UnderPressure(cpu = 80)
@RealBug(artifact = "com.fasterxml.jackson.core:jackson-core", buggy = "2.14.2", fixed = "2.15.0",
        expected = BugClass.CPU_STARVATION, issue = "https://github.com/FasterXML/jackson-core/pull/827")
class JacksonLongNumberTest {

    @Test
    @Timeout(value = 5, threadMode = ThreadMode.SEPARATE_THREAD)
    void answersARequestWithAHugeAmountWithinItsBudget() throws IOException {
        String request = "{\"amount\":" + "7".repeat(500_000) + "}";

        assertThat(status(request)).isEqualTo(400);
    }

    /** The HTTP status a payment endpoint answers: 400 for an amount it refuses, 200 otherwise. */
    private static int status(String request) throws IOException {
        try (JsonParser parser = new JsonFactory().createParser(request)) {
            while (parser.nextToken() != JsonToken.VALUE_NUMBER_INT) {
                // skip to the amount
            }
            BigInteger amount = parser.getBigIntegerValue();
            return amount.bitLength() > 64 ? 400 : 200;
        } catch (JsonProcessingException refused) {
            return 400;
        }
    }
}
