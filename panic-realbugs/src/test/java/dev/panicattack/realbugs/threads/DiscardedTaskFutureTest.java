package dev.panicattack.realbugs.threads;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.panicattack.junit.Diagnose;
import dev.panicattack.realbugs.RealBug;
import dev.panicattack.signature.BugClass;

/**
 * The JDK's {@code ThreadPoolExecutor.DiscardPolicy} (and {@code DiscardOldestPolicy}) drop a task
 * rejected by a saturated pool without cancelling it, so the {@link Future} {@code submit} returned for
 * it never completes and a caller waiting for it waits for good: JDK-8257671 ("ThreadPoolExecutor.Discard*Policy:
 * rejected tasks are not cancelled"), answered in JDK 16 with a javadoc warning only; the policies still
 * do so. A bug of the JDK: runs on the benchmark's JDK, without a control.
 */
@Diagnose
@RealBug(artifact = "", buggy = "", fixed = "", expected = BugClass.THREAD_POOL_SATURATION,
        issue = "https://bugs.openjdk.org/browse/JDK-8257671")
class DiscardedTaskFutureTest {

    private static final int UPLOADS = 50;

    @Test
    void checksumsEveryUploadOfABurst() throws Exception {
        ThreadPoolExecutor checksums = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(4), new ThreadPoolExecutor.DiscardPolicy());
        try {
            List<Future<byte[]>> digests = new ArrayList<>();
            for (int i = 0; i < UPLOADS; i++) {
                byte[] upload = new byte[1 << 20];
                upload[0] = (byte) i;
                digests.add(checksums.submit(() -> MessageDigest.getInstance("SHA-256").digest(upload)));
            }
            for (Future<byte[]> digest : digests) {
                assertThat(digest.get()).hasSize(32);
            }
        } finally {
            checksums.shutdownNow();
        }
    }
}
