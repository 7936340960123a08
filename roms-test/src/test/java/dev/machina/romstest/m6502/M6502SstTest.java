package dev.machina.romstest.m6502;

import dev.machina.core.cpu.CpuFamily;
import dev.machina.core.cpu.SingleStepTests;
import dev.machina.cpu.m6502.M6502Family;
import dev.machina.romstest.sst.SstRunner;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the shipped SingleStepTests subsets ({@code ../shared/testdata/sst/6502} and
 * {@code wdc65c02}: registers, RAM and every bus cycle) through the generic runner.
 */
class M6502SstTest {
    private final CpuFamily family = new M6502Family();

    private static Path suite(String name) {
        Path dir = Path.of(System.getProperty("machina.testdata", "../shared/testdata"), "sst", name);
        assumeTrue(Files.isDirectory(dir), "needs the SingleStepTests subset in " + dir);
        return dir;
    }

    private SstRunner.Summary run(String model, String suite) throws IOException {
        return run(model, suite, "interpreter");
    }

    private SstRunner.Summary run(String model, String suite, String engine) throws IOException {
        SingleStepTests binding = family.singleStepTests(model).orElseThrow();
        binding.useEngine(engine);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        SstRunner.Summary s = new SstRunner(binding, true, 0).run(suite(suite), new PrintStream(text, true, StandardCharsets.UTF_8));
        String report = text.toString(StandardCharsets.UTF_8);
        assertEquals(0, s.failedMasked(), report);
        assertTrue(report.strip().endsWith(s.passedMasked() + " passed, 0 failed"), report);
        return s;
    }

    @Test
    void nmos6502SuitePassesWithBusCycles() throws IOException {
        SstRunner.Summary s = run("6502", "6502");
        assertEquals(256, s.files().size(), "one file per opcode");
        assertTrue(s.passedMasked() >= 256 * 10, "ran " + s.passedMasked() + " tests");
    }

    @Test
    void wdc65c02SuitePassesWithBusCycles() throws IOException {
        SstRunner.Summary s = run("65c02", "wdc65c02");
        assertTrue(s.passedMasked() >= 240 * 10, "ran " + s.passedMasked() + " tests");
    }

    /** The interpreter's array fast paths (taken only on direct RAM without a bus hook) against the same suites. */
    @Test
    void bothSuitesPassOnDirectRamWithoutBusHook() throws IOException {
        for (String[] ms : new String[][] {{"6502", "6502"}, {"65c02", "wdc65c02"}}) {
            SingleStepTests binding = ((M6502Family) family).singleStepTestsOnDirectRam(ms[0]);
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            SstRunner.Summary s = new SstRunner(binding, false, 0).run(suite(ms[1]), new PrintStream(text, true, StandardCharsets.UTF_8));
            String report = text.toString(StandardCharsets.UTF_8);
            assertEquals(0, s.failedMasked(), report);
            assertTrue(s.passedMasked() >= 240 * 10, "ran " + s.passedMasked() + " tests");
        }
    }

    /** Each test's instruction translated at first entry and run as JVM bytecode, bus cycles checked. */
    @Test
    void bothSuitesPassOnTheRecompilerWithBusCycles() throws IOException {
        assertEquals(25600, run("6502", "6502", "recompiler").passedMasked());
        assertTrue(run("65c02", "wdc65c02", "recompiler").passedMasked() >= 240 * 10);
    }

    /** The same on direct RAM without a hook, where the translated code takes its quiet-bus form. */
    @Test
    void bothSuitesPassOnTheRecompilerOnDirectRam() throws IOException {
        for (String[] ms : new String[][] {{"6502", "6502"}, {"65c02", "wdc65c02"}}) {
            SingleStepTests binding = ((M6502Family) family).singleStepTestsOnDirectRam(ms[0]);
            binding.useEngine("recompiler");
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            SstRunner.Summary s = new SstRunner(binding, false, 0).run(suite(ms[1]), new PrintStream(text, true, StandardCharsets.UTF_8));
            String report = text.toString(StandardCharsets.UTF_8);
            assertEquals(0, s.failedMasked(), report);
            assertTrue(s.passedMasked() >= 240 * 10, "ran " + s.passedMasked() + " tests");
        }
    }
}
