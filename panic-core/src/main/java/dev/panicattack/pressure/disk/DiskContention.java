package dev.panicattack.pressure.disk;

import dev.panicattack.constraint.Axis;
import dev.panicattack.pressure.axis.PressureSample;
import dev.panicattack.pressure.axis.PressureTrace;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Background I/O contention for the disk axis: one daemon thread writes {@code bytesPerSecond} to a
 * self-deleting file in a scope directory, each chunk followed by {@code force(false)} (fsync), so
 * the subject's own I/O competes with it for the device. The file never holds more than
 * {@code maxBytesOnDisk}: when the next chunk would pass it, the file is truncated to zero and
 * written again from the start. Before each chunk the file store's usable space is read; below
 * {@code safetyMarginBytes} the writer stops at once and deletes its file. {@link #close()} stops
 * the thread and deletes the file, on every path.
 */
final class DiskContention implements AutoCloseable {

    static final String THREAD_NAME = "panic-disk-contention";
    static final String FILE_PREFIX = "panic-disk-contention-";
    /** Between trace samples: often enough for a short test to have several. */
    private static final long SAMPLE_NANOS = 250_000_000L;
    private static final long JOIN_MILLIS = 10_000;

    private final Path directory;
    private final long bytesPerSecond;
    private final long maxBytesOnDisk;
    private final long safetyMarginBytes;
    private final int chunkBytes;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong chunks = new AtomicLong();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch firstChunk = new CountDownLatch(1);
    private final List<PressureSample> samples = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private volatile boolean stoppedForSpace;
    private volatile long startNanos;
    private volatile long endNanos;
    private volatile Path file;
    private volatile FileChannel channel;
    private volatile Thread thread;

    DiskContention(Path directory, long bytesPerSecond, long maxBytesOnDisk, long safetyMarginBytes) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.bytesPerSecond = bytesPerSecond;
        this.maxBytesOnDisk = maxBytesOnDisk;
        this.safetyMarginBytes = safetyMarginBytes;
        // About 50 ms of writing per chunk, between 4 KiB and 1 MiB, never more than the cap.
        this.chunkBytes = (int) Math.min(maxBytesOnDisk, Math.max(4096, Math.min(1 << 20, bytesPerSecond / 20)));
    }

    /** Creates the file, which the caller must exclude from the subject's accounting before {@link #start()}. */
    Path createFile() throws IOException {
        file = Files.createTempFile(directory, FILE_PREFIX, ".tmp");
        return file;
    }

    /** Opens the file and starts the writer thread. */
    void start() throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE);
        FileStore store = Files.getFileStore(directory);
        startNanos = System.nanoTime();
        samples.add(new PressureSample(Duration.ZERO, mebibytesPerSecond(bytesPerSecond), 0));
        Thread writer = new Thread(() -> run(channel, store), THREAD_NAME);
        writer.setDaemon(true);
        thread = writer;
        writer.start();
    }

    private void run(FileChannel target, FileStore store) {
        ByteBuffer data = ByteBuffer.allocateDirect(chunkBytes);
        long position = 0;
        long scheduled = 0;
        long sampledAt = startNanos;
        long sampledBytes = 0;
        try {
            while (!stopping.get()) {
                long now = System.nanoTime();
                long due = (long) ((now - startNanos) / 1e9 * bytesPerSecond);
                // A stall (a loaded disk, a paused JVM) is not made up for with a burst of more than one second's worth.
                scheduled = Math.max(scheduled, due - bytesPerSecond);
                if (scheduled >= due) {
                    long wait = (long) ((scheduled + chunkBytes - due) * 1e9 / bytesPerSecond);
                    LockSupport.parkNanos(Math.max(100_000L, Math.min(wait, 50_000_000L)));
                    continue;
                }
                if (store.getUsableSpace() < safetyMarginBytes) {
                    stoppedForSpace = true;
                    return;
                }
                if (position + chunkBytes > maxBytesOnDisk) {
                    target.truncate(0);
                    position = 0;
                }
                data.clear();
                while (data.hasRemaining()) {
                    position += target.write(data, position);
                }
                target.force(false);
                scheduled += chunkBytes;
                written.addAndGet(chunkBytes);
                chunks.incrementAndGet();
                firstChunk.countDown();
                long after = System.nanoTime();
                if (after - sampledAt >= SAMPLE_NANOS) {
                    long bytes = written.get();
                    samples.add(new PressureSample(Duration.ofNanos(after - startNanos), mebibytesPerSecond(bytesPerSecond),
                            mebibytesPerSecond((bytes - sampledBytes) * 1e9 / (after - sampledAt))));
                    sampledAt = after;
                    sampledBytes = bytes;
                }
            }
        } catch (IOException e) {
            // Closing the channel on stop may end a write in progress; anything else is the disk's answer.
            if (!stopping.get()) {
                problems.add("contention writer stopped: " + e);
            }
        } finally {
            endNanos = System.nanoTime();
            firstChunk.countDown();
        }
    }

    private static double mebibytesPerSecond(double bytesPerSecond) {
        return bytesPerSecond / (1024.0 * 1024.0);
    }

    /** Waits until the first chunk is written (or the writer stopped). */
    boolean awaitFirstChunk(Duration timeout) throws InterruptedException {
        return firstChunk.await(timeout.toNanos(), TimeUnit.NANOSECONDS) && chunks.get() > 0;
    }

    long requestedBytesPerSecond() {
        return bytesPerSecond;
    }

    long bytesWritten() {
        return written.get();
    }

    /** Bytes written per second from start to stop (or to now while running); 0 before start. */
    double achievedBytesPerSecond() {
        long start = startNanos;
        if (start == 0) {
            return 0;
        }
        long end = endNanos != 0 ? endNanos : System.nanoTime();
        return end == start ? 0 : written.get() * 1e9 / (end - start);
    }

    boolean stoppedForSpace() {
        return stoppedForSpace;
    }

    Path file() {
        return file;
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    PressureTrace trace() {
        return new PressureTrace(Axis.DISK, "disk-contention", "MiB/s", samples);
    }

    /** Stops the writer, waits for it, closes and deletes the file. Idempotent; never throws. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stopping.set(true);
        Thread writer = thread;
        if (writer != null) {
            LockSupport.unpark(writer);
            try {
                writer.join(JOIN_MILLIS);
                if (writer.isAlive()) {
                    // An interrupt closes the channel under a write stuck in the kernel.
                    writer.interrupt();
                    writer.join(JOIN_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                writer.interrupt();
            }
            if (writer.isAlive()) {
                problems.add("contention writer still alive after " + 2 * JOIN_MILLIS + " ms");
            }
        }
        if (endNanos == 0) {
            endNanos = System.nanoTime();
        }
        FileChannel open = channel;
        try {
            if (open != null) {
                open.close();
            }
        } catch (IOException e) {
            problems.add("could not close the contention file " + file + ": " + e);
        }
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            problems.add("could not delete the contention file " + file + ": " + e);
        }
    }
}
