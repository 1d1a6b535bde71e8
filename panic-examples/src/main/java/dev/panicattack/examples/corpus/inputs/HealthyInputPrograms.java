package dev.panicattack.examples.corpus.inputs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.panicattack.corruption.CorruptedInput;
import dev.panicattack.examples.corpus.Healthy;
import dev.panicattack.junit.CorruptedInputTest;

/** Parsers that check every length, count and type, so corrupted input only ever meets their documented error. */
public class HealthyInputPrograms {

    /** The careful decoder: every read is bounded by what remains, and the text is decoded strictly. */
    static final class CheckingDecoder {

        String decode(byte[] record) throws MalformedRecordException {
            ByteBuffer buffer = ByteBuffer.wrap(record);
            if (buffer.remaining() < 6 || buffer.getShort() != RecordDecoderPrograms.MAGIC) {
                throw new MalformedRecordException("record needs CA FE and a length, but has " + record.length + " bytes");
            }
            int length = buffer.getInt();
            if (length < 0 || length > buffer.remaining()) {
                throw new MalformedRecordException("record declares " + length + " bytes, but " + buffer.remaining() + " follow");
            }
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(buffer.slice(buffer.position(), length)).toString();
            } catch (CharacterCodingException e) {
                MalformedRecordException malformed = new MalformedRecordException("record text is not UTF-8");
                malformed.initCause(e);
                throw malformed;
            }
        }
    }

    /** The careful order parser: every node's presence and type is checked, and the count against the lines. */
    static final class CheckingOrderParser {
        private final ObjectMapper mapper = new ObjectMapper();

        List<String> skus(byte[] json) throws java.io.IOException, InvalidOrderException {
            JsonNode order = mapper.readTree(json);
            JsonNode lines = order.path("lines");
            JsonNode count = order.path("count");
            if (!lines.isArray() || !count.isIntegralNumber() || !count.canConvertToLong() || count.asLong() != lines.size()) {
                throw new InvalidOrderException("an order needs as many lines as its count says");
            }
            List<String> skus = new ArrayList<>();
            for (JsonNode line : lines) {
                if (!line.path("sku").isTextual()) {
                    throw new InvalidOrderException("every line needs a text sku");
                }
                skus.add(line.get("sku").asText());
            }
            return skus;
        }
    }

    @Healthy
    @CorruptedInputTest(resource = "corpus/inputs/greeting.rec", variants = 6, seed = 42,
            documented = MalformedRecordException.class)
    void decodesOrRejectsGreeting(CorruptedInput record) {
        try {
            assertThat(new CheckingDecoder().decode(record.bytes())).isNotNull();
        } catch (MalformedRecordException rejected) {
            assertThat(rejected).hasMessageContaining("record");
        }
    }

    @Healthy
    @CorruptedInputTest(resource = "corpus/inputs/order.json", variants = 6, seed = 42,
            documented = {JsonProcessingException.class, InvalidOrderException.class})
    void readsOrRejectsOrder(CorruptedInput order) throws java.io.IOException {
        try {
            assertThat(new CheckingOrderParser().skus(order.bytes())).hasSize(2);
        } catch (JsonProcessingException | InvalidOrderException rejected) {
            assertThat(rejected).isNotNull();
        }
    }
}
