package dev.machina.romstest.trap;

import dev.machina.cpu.m6502.M6502Family;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Assembles our own 6502 trap test ({@code src/test/asm/m6502/selftest.s}) with ca65/ld65 and
 * runs it through {@link TrapRunner}: it must trap at its {@code success} label on the 6502 and
 * 65C02, and at {@code fail} when assembled with a deliberately wrong expectation or run on the
 * 2A03, which has no decimal mode.
 */
class M6502TrapTest {
    private static final Path SOURCE = Path.of(System.getProperty("machina.root", "."), "roms-test/src/test/asm/m6502/selftest.s");
    private static final long ORIGIN = 0x0400;
    private static final long MAX_CYCLES = 1_000_000;

    @TempDir
    static Path work;

    private static Program good;
    private static Program deliberateFailure;

    record Program(Path binary, long success, long fail) {
    }

    @BeforeAll
    static void assemble() throws Exception {
        assumeTrue(onPath("ca65") && onPath("ld65"), "needs ca65 and ld65 (Debian package cc65)");
        good = build("good");
        deliberateFailure = build("bad", "-D", "DELIBERATE_FAILURE=1");
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static Program build(String name, String... defines) throws Exception {
        Path object = work.resolve(name + ".o");
        Path binary = work.resolve(name + ".bin");
        Path labels = work.resolve(name + ".lbl");
        List<String> ca65 = new ArrayList<>(List.of("ca65", "-g"));
        ca65.addAll(List.of(defines));
        ca65.addAll(List.of("-o", object.toString(), SOURCE.toString()));
        exec(ca65);
        exec(List.of("ld65", "-t", "none", "-S", "0x" + Long.toHexString(ORIGIN), "-Ln", labels.toString(), "-o", binary.toString(), object.toString()));
        Map<String, Long> symbols = new HashMap<>();
        for (String line : Files.readAllLines(labels)) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[0].equals("al")) {
                symbols.put(f[2].substring(1), Long.parseLong(f[1], 16));
            }
        }
        assertTrue(symbols.containsKey("success") && symbols.containsKey("fail"), "labels in " + symbols.keySet());
        return new Program(binary, symbols.get("success"), symbols.get("fail"));
    }

    private static void exec(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), command + " timed out");
        assertEquals(0, p.exitValue(), command + ": " + out);
    }

    private static TrapRunner.Result run(String model, Program program) throws IOException {
        return new TrapRunner(new M6502Family(), model, 16)
                .run(List.of(new TrapRunner.Load(program.binary(), ORIGIN)), ORIGIN, program.success(), MAX_CYCLES);
    }

    @Test
    void nmos6502PassesEveryCheck() throws IOException {
        TrapRunner.Result r = run("6502", good);
        assertTrue(r.passed(), r.line(4));
        assertEquals(good.success(), r.address());
        assertTrue(r.line(4).startsWith("PASS: trapped at $" + String.format("%04X", good.success())), r.line(4));
    }

    @Test
    void wdc65c02PassesEveryCheck() throws IOException {
        TrapRunner.Result r = run("65c02", good);
        assertTrue(r.passed(), r.line(4));
        // the 65C02 spends one extra cycle on each of the program's four decimal ADC/SBC and
        // on its JMP (indirect), 6 cycles instead of 5 (W65C02S datasheet, table 5-7)
        assertEquals(run("6502", good).cycles() + 5, r.cycles());
    }

    @Test
    void deliberateFailureTrapsAtFail() throws IOException {
        TrapRunner.Result r = run("6502", deliberateFailure);
        assertFalse(r.passed());
        assertTrue(r.trapped());
        assertEquals(deliberateFailure.fail(), r.address());
        assertTrue(r.line(4).startsWith("FAIL: trapped at $" + String.format("%04X", deliberateFailure.fail())), r.line(4));
    }

    @Test
    void ricoh2a03FailsTheDecimalChecks() throws IOException {
        TrapRunner.Result r = run("2a03", good);
        assertFalse(r.passed(), "the 2A03 has no decimal mode");
        assertEquals(good.fail(), r.address());
        // D is set but the 2A03 adds in binary: $25 + $48 = $6D, which the first decimal check rejects
        assertTrue(r.registers().startsWith("a=$6D "), r.registers());
    }

    @Test
    void cycleLimitWithoutTrapIsAFailure() throws IOException {
        TrapRunner.Result r = new TrapRunner(new M6502Family(), "6502", 16)
                .run(List.of(new TrapRunner.Load(good.binary(), ORIGIN)), ORIGIN, good.success(), 100);
        assertFalse(r.passed());
        assertFalse(r.trapped());
        assertTrue(r.line(4).startsWith("FAIL: no trap within the cycle limit"), r.line(4));
    }

    @Test
    void badLoadsAreClearErrors() {
        IOException missing = assertThrows(IOException.class, () -> new TrapRunner(new M6502Family(), "6502", 16)
                .run(List.of(new TrapRunner.Load(work.resolve("missing.bin"), 0)), 0, 0, 10));
        assertTrue(missing.getMessage().endsWith("missing.bin: no such file"), missing.getMessage());
        IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class, () -> new TrapRunner(new M6502Family(), "6502", 16)
                .run(List.of(new TrapRunner.Load(good.binary(), 0xFF00)), 0, 0, 10));
        assertTrue(tooBig.getMessage().contains("run past the end of the 16-bit address space"), tooBig.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrapRunner.Load.parse("file.bin"));
        assertEquals(0x400, TrapRunner.Load.parse("x.bin@$0400").address());
        assertEquals(0x400, TrapRunner.Load.parse("x.bin@0x400").address());
        assertEquals(1024, TrapRunner.Load.parse("x.bin@1024").address());
    }
}
