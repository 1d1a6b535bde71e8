package dev.panicattack.examples.corpus.inputs;

import static dev.panicattack.corruption.CorruptionKind.HUGE_LENGTH;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.panicattack.corruption.CorruptedInput;
import dev.panicattack.examples.corpus.Seeded;
import dev.panicattack.junit.CorruptedInputTest;
import dev.panicattack.signature.BugClass;

/** MALFORMED_INPUT_CRASH: a Jackson order parser that trusts the order's declared line count. */
public class OrderParserPrograms {

    /** Reads {@code {"order", "count", "lines": [{"sku"}]}}; documents JsonProcessingException and InvalidOrderException. */
    static final class TrustingOrderParser {
        private final ObjectMapper mapper = new ObjectMapper();

        List<String> skus(byte[] json) throws IOException, InvalidOrderException {
            JsonNode order = mapper.readTree(json);
            JsonNode lines = order.path("lines");
            if (!lines.isArray()) {
                throw new InvalidOrderException("an order needs an array of lines");
            }
            // The defect: the declared count drives the loop, never compared with the lines actually sent.
            int count = Math.toIntExact(order.path("count").asLong());
            List<String> skus = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                skus.add(lines.get(i).get("sku").asText());
            }
            return skus;
        }
    }

    /** A count of 2147483647 walks off the lines (NullPointerException); larger ones overflow int (ArithmeticException). */
    @Seeded(BugClass.MALFORMED_INPUT_CRASH)
    @CorruptedInputTest(resource = "corpus/inputs/order.json", kinds = HUGE_LENGTH, variants = 3, seed = 42,
            documented = {JsonProcessingException.class, InvalidOrderException.class})
    void readsOrderLines(CorruptedInput order) throws IOException, InvalidOrderException {
        new TrustingOrderParser().skus(order.bytes());
    }
}
