package dev.machina.cpu.m6502;

import dev.machina.core.cpu.CpuBenchmark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The benchmark program computes the right CRC, and its bytes are what ca65 makes of crc16.s. */
class M6502BenchmarkTest {

    /** CRC-16/CCITT-FALSE, bit by bit (poly $1021, init $FFFF). */
    static int crc16(byte[] data) {
        int crc = 0xFFFF;
        for (byte b : data) {
            crc ^= (b & 0xFF) << 8;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
                crc &= 0xFFFF;
            }
        }
        return crc;
    }

    @Test
    void referenceCrcMatchesTheCatalogueCheckValue() {
        // the CRC RevEng catalogue's check value for CRC-16/IBM-3740 (CCITT-FALSE) over "123456789"
        assertEquals(0x29B1, crc16("123456789".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void programComputesTheCrcOfItsData() {
        for (Variant v : new Variant[]{Variant.NMOS, Variant.WDC_65C02}) {
            M6502 cpu = M6502Benchmark.load(new M6502Family(), v);
            long steps = 0;
            while (cpu.program().read8(0x12) == 0 && steps < 1_000_000) {
                cpu.step();
                steps++;
            }
            assertEquals(1, cpu.program().read8(0x12), "one pass done");
            int crc = cpu.program().read8(0x10) | cpu.program().read8(0x11) << 8;
            assertEquals(crc16(M6502Benchmark.data()), crc, v.modelName());
        }
    }

    @Test
    void benchmarkRunReportsInstructionsAndCycles() {
        CpuBenchmark b = new M6502Family().benchmark("6502").orElseThrow();
        CpuBenchmark.Result r = b.prepare("interpreter").run(10_000);
        assertEquals(10_000, r.instructions());
        // every instruction of the loop takes 2..6 cycles
        assertTrue(r.cycles() >= 20_000 && r.cycles() <= 60_000, "cycles " + r.cycles());
    }

    @Test
    void programBytesAreTheAssembledSource(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ca65")) && Files.isExecutable(Path.of("/usr/bin/ld65")),
                "needs ca65 and ld65 (Debian package cc65)");
        Path source = Path.of(System.getProperty("machina.root", "../.."), "cpus/m6502/src/main/asm/crc16.s");
        run(tmp, "ca65", "-o", tmp.resolve("crc16.o").toString(), source.toString());
        run(tmp, "ld65", "-t", "none", "-S", "0x0200", "-o", tmp.resolve("crc16.bin").toString(), tmp.resolve("crc16.o").toString());
        assertArrayEquals(Files.readAllBytes(tmp.resolve("crc16.bin")), M6502Benchmark.PROGRAM);
    }

    private static void run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + out);
    }
}
