package dev.panicattack.realbugs.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;

import dev.panicattack.junit.Diagnose;
import dev.panicattack.realbugs.RealBug;
import dev.panicattack.signature.BugClass;

/**
 * commons-compress 1.20 trusts the length a PAX extended header record declares and allocates a buffer
 * of that size before reading it, so a 30-byte record declaring 2 GiB exhausts the heap
 * (CVE-2021-35517). Fixed in 1.21, which rejects a record longer than its header with an
 * {@link IOException}. The heap is bounded as a service's is.
 */
@Diagnose
@RealBug(artifact = "org.apache.commons:commons-compress", buggy = "1.20", fixed = "1.21",
        expected = BugClass.HEAP_EXHAUSTION, issue = "https://nvd.nist.gov/vuln/detail/CVE-2021-35517",
        jvmOptions = "-Xmx512m")
class CommonsCompressPaxHeaderTest {

    @Test
    void rejectsAnUploadedArchiveWithABrokenPaxHeader() throws IOException {
        assertThat(upload(archiveWithPaxRecord("2147483647 path=a\n"))).isEqualTo("rejected");
    }

    /** What an upload endpoint answers: the first entry's name, or "rejected" for a malformed archive. */
    private static String upload(byte[] archive) {
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(archive))) {
            return in.getNextTarEntry().getName();
        } catch (IOException malformed) {
            return "rejected";
        }
    }

    private static byte[] archiveWithPaxRecord(String record) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            byte[] pax = record.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry header = new TarArchiveEntry("PaxHeaders/a", TarConstants.LF_PAX_EXTENDED_HEADER_LC);
            header.setSize(pax.length);
            tar.putArchiveEntry(header);
            tar.write(pax);
            tar.closeArchiveEntry();
            byte[] content = "hello".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry file = new TarArchiveEntry("a");
            file.setSize(content.length);
            tar.putArchiveEntry(file);
            tar.write(content);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }
}
