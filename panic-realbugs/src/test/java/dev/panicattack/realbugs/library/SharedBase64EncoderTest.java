package dev.panicattack.realbugs.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.commons.codec.BinaryEncoder;
import org.apache.commons.codec.binary.Base64;
import org.junit.jupiter.api.Test;

import dev.panicattack.junit.Diagnose;
import dev.panicattack.realbugs.RealBug;
import dev.panicattack.signature.BugClass;

/**
 * commons-codec 1.4 to 1.6 keep the encoder's buffer and position in the {@link Base64} instance, so
 * one instance shared as a {@link BinaryEncoder} by several threads mixes their output: CODEC-96
 * ("Base64 encode() method is no longer thread-safe, breaking clients using it as a shared
 * BinaryEncoder"). 1.7 moved that state into a per-call context.
 */
@Diagnose
@RealBug(artifact = "commons-codec:commons-codec", buggy = "1.6", fixed = "1.7", expected = BugClass.DATA_RACE,
        issue = "https://issues.apache.org/jira/browse/CODEC-96")
class SharedBase64EncoderTest {

    private static final int MESSAGES = 4_000;

    @Test
    void encodesEveryMessageFromAPool() throws Exception {
        BinaryEncoder shared = new Base64();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> encoded = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                byte[] message = ("order " + i + " for customer " + (i * 7919)).getBytes(StandardCharsets.UTF_8);
                encoded.add(pool.submit(() -> shared.encode(message)));
            }
            for (int i = 0; i < MESSAGES; i++) {
                byte[] message = ("order " + i + " for customer " + (i * 7919)).getBytes(StandardCharsets.UTF_8);
                assertThat(new String(encoded.get(i).get(), StandardCharsets.US_ASCII)).as("message " + i)
                        .isEqualTo(new String(new Base64().encode(message), StandardCharsets.US_ASCII));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
