package dev.machina.cpu.z80;

import dev.machina.romstest.sst.SstRunner;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Runs the shipped SingleStepTests z80 subset (every opcode page) through the generic runner, bus cycles included. */
class Z80SingleStepTest {

    @Test
    void shippedSubsetPassesWithBusCycles() throws Exception {
        Path dir = Path.of(System.getProperty("machina.testdata", "../../../shared/testdata"), "sst", "z80");
        assumeTrue(Files.isDirectory(dir), "needs the SingleStepTests subset in " + dir);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        SstRunner.Summary s = new SstRunner(new Z80Family().singleStepTests("z80").orElseThrow(), true, 0)
                .run(dir, new PrintStream(buf, true, StandardCharsets.UTF_8));
        String report = buf.toString(StandardCharsets.UTF_8);
        assertTrue(s.passedMasked() > 50_000, "expected the full subset, report:\n" + report);
        assertEquals(0, s.failedMasked(), report);
    }

    /** The interpreter's array fast paths (code page cache, taken only on direct RAM) against the same subset. */
    @Test
    void shippedSubsetPassesOnDirectRam() throws Exception {
        Path dir = Path.of(System.getProperty("machina.testdata", "../../../shared/testdata"), "sst", "z80");
        assumeTrue(Files.isDirectory(dir), "needs the SingleStepTests subset in " + dir);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        SstRunner.Summary s = new SstRunner(new Z80SingleStepTests(true), false, 0)
                .run(dir, new PrintStream(buf, true, StandardCharsets.UTF_8));
        String report = buf.toString(StandardCharsets.UTF_8);
        assertTrue(s.passedMasked() > 50_000, "expected the full subset, report:\n" + report);
        assertEquals(0, s.failedMasked(), report);
    }

    /**
     * Every opcode file as one-instruction blocks of the recompiler (translated at first entry):
     * registers, RAM, T-states, I/O; the first 4 tests of each file, to keep the suite short
     * ({@code machina validate sst --engine recompiler} runs them all).
     */
    @Test
    void shippedSubsetPassesOnTheRecompiler() throws Exception {
        assertSubsetPasses("recompiler");
    }

    /** The same through the lockstep checker, which also compares each block with the interpreter. */
    @Test
    void shippedSubsetPassesInLockstep() throws Exception {
        assertSubsetPasses("lockstep");
    }

    private static void assertSubsetPasses(String engine) throws Exception {
        Path dir = Path.of(System.getProperty("machina.testdata", "../../../shared/testdata"), "sst", "z80");
        assumeTrue(Files.isDirectory(dir), "needs the SingleStepTests subset in " + dir);
        Z80SingleStepTests binding = new Z80SingleStepTests();
        binding.useEngine(engine);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        SstRunner.Summary s = new SstRunner(binding, true, 4).run(dir, new PrintStream(buf, true, StandardCharsets.UTF_8));
        String report = buf.toString(StandardCharsets.UTF_8);
        assertTrue(s.passedMasked() >= 6_400, "expected 4 tests of each of the 1,604 files, report:\n" + report);
        assertEquals(0, s.failedMasked(), report);
    }
}
