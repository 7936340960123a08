package dev.machina.core.media;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RomVerifierTest {
    // The standard check values: CRC-32 ("123456789") = cbf43926, SHA-1 from FIPS 180 test data.
    private static final byte[] DIGITS = "123456789".getBytes(StandardCharsets.US_ASCII);
    private static final long DIGITS_CRC = 0xCBF43926L;
    private static final String DIGITS_SHA1 = "f7c3bc1d808e04732adf679965ccc34ca7ae3441";
    private static final byte[] ABC = "abc".getBytes(StandardCharsets.US_ASCII);
    private static final long ABC_CRC = 0x352441C2L;
    private static final String ABC_SHA1 = "a9993e364706816aba3e25717850c26c9cd0d89d";

    @TempDir
    Path dir;

    private static RomSet set(RomDefinition... roms) {
        return new RomSet("demo", List.of(roms));
    }

    @Test
    void goodRomInAFolder() throws IOException {
        Files.createDirectories(dir.resolve("demo"));
        Files.write(dir.resolve("demo/bios.bin"), DIGITS);
        RomVerifier.Report r = RomVerifier.verify(set(RomDefinition.of("bios.bin", 9, DIGITS_CRC, DIGITS_SHA1)), List.of(dir));
        assertEquals(RomVerifier.Status.GOOD, r.results().getFirst().status());
        assertEquals("good", r.verdict());
        assertTrue(r.results().getFirst().location().endsWith("demo/bios.bin"));
    }

    @Test
    void missingRom() {
        RomVerifier.Report r = RomVerifier.verify(set(RomDefinition.of("bios.bin", 9, DIGITS_CRC, DIGITS_SHA1)),
                List.of(dir, dir.resolve("nonexistent")));
        assertEquals(RomVerifier.Status.MISSING, r.results().getFirst().status());
        assertEquals("bad", r.verdict());
        assertFalse(r.usable());
    }

    @Test
    void wrongSize() throws IOException {
        Files.createDirectories(dir.resolve("demo"));
        Files.write(dir.resolve("demo/bios.bin"), ABC);
        RomVerifier.Result r = RomVerifier.verify(set(RomDefinition.of("bios.bin", 9, DIGITS_CRC, DIGITS_SHA1)), List.of(dir))
                .results().getFirst();
        assertEquals(RomVerifier.Status.WRONG_SIZE, r.status());
        assertEquals("wrong size: expected 9 bytes, found 3", r.detail());
    }

    @Test
    void wrongCrc() throws IOException {
        Files.createDirectories(dir.resolve("demo"));
        Files.write(dir.resolve("demo/bios.bin"), "123456780".getBytes(StandardCharsets.US_ASCII));
        RomVerifier.Result r = RomVerifier.verify(set(RomDefinition.of("bios.bin", 9, DIGITS_CRC, DIGITS_SHA1)), List.of(dir))
                .results().getFirst();
        assertEquals(RomVerifier.Status.WRONG_CHECKSUM, r.status());
        assertTrue(r.detail().startsWith("wrong checksums: expected CRC32 cbf43926 SHA1 " + DIGITS_SHA1 + ", found CRC32 "), r.detail());
    }

    @Test
    void rightCrcWrongSha1() throws IOException {
        Files.createDirectories(dir.resolve("demo"));
        Files.write(dir.resolve("demo/bios.bin"), DIGITS);
        // a definition whose CRC matches but whose SHA-1 is another image's
        RomVerifier.Result r = RomVerifier.verify(set(RomDefinition.of("bios.bin", 9, DIGITS_CRC, ABC_SHA1)), List.of(dir))
                .results().getFirst();
        assertEquals(RomVerifier.Status.WRONG_CHECKSUM, r.status());
        assertTrue(r.detail().endsWith("found CRC32 cbf43926 SHA1 " + DIGITS_SHA1), r.detail());
    }

    @Test
    void foundInZipByNameAndByCrc() throws IOException {
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(dir.resolve("demo.zip")))) {
            z.putNextEntry(new ZipEntry("sub/bios.bin"));
            z.write(DIGITS);
            z.closeEntry();
            z.putNextEntry(new ZipEntry("renamed-char.rom"));
            z.write(ABC);
            z.closeEntry();
        }
        RomVerifier.Report r = RomVerifier.verify(set(
                RomDefinition.of("bios.bin", 9, DIGITS_CRC, DIGITS_SHA1),
                RomDefinition.of("char.rom", 3, ABC_CRC, ABC_SHA1)), List.of(dir));
        assertEquals(RomVerifier.Status.GOOD, r.results().get(0).status());
        assertTrue(r.results().get(0).location().endsWith("demo.zip:sub/bios.bin"));
        assertEquals(RomVerifier.Status.GOOD, r.results().get(1).status());
        assertTrue(r.results().get(1).location().endsWith("demo.zip:renamed-char.rom"));
        assertEquals("good", r.verdict());
    }

    @Test
    void badDumpAndNoDump() throws IOException {
        Files.createDirectories(dir.resolve("demo"));
        Files.write(dir.resolve("demo/bad.bin"), ABC);
        RomVerifier.Report r = RomVerifier.verify(set(
                new RomDefinition("bad.bin", 3, ABC_CRC, ABC_SHA1, RomDefinition.DumpStatus.BAD_DUMP),
                new RomDefinition("mcu.bin", 4096, 0, "", RomDefinition.DumpStatus.NO_DUMP)), List.of(dir));
        assertEquals(RomVerifier.Status.BAD_DUMP, r.results().get(0).status());
        assertEquals(RomVerifier.Status.NO_DUMP, r.results().get(1).status());
        assertEquals("best available", r.verdict());
    }

    @Test
    void corruptZipIsReportedNotThrown() throws IOException {
        try (OutputStream o = Files.newOutputStream(dir.resolve("demo.zip"))) {
            o.write("PK\3\4 this is not a zip".getBytes(StandardCharsets.US_ASCII));
        }
        RomVerifier.Result r = RomVerifier.verify(set(RomDefinition.of("bios.bin", 9, DIGITS_CRC, DIGITS_SHA1)), List.of(dir))
                .results().getFirst();
        assertEquals(RomVerifier.Status.UNREADABLE, r.status());
    }
}
