package dev.machina.cpu.m6502;

import dev.machina.core.cpu.CpuBenchmark;
import dev.machina.core.memory.AddressSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Whole programs on the recompiler and on the lockstep checker against the interpreter: the
 * benchmark's CRC loop, our self-modifying-code program ({@code src/test/asm/smc.s}), the trap
 * self-test of roms-test ({@code roms-test/src/test/asm/m6502/selftest.s}), and interrupts raised
 * by a bus hook at fixed cycles, where every bus cycle must match.
 */
class M6502RecompilerTest {
    private static final Path ROOT = Path.of(System.getProperty("machina.root", "../.."));

    /** A CPU on 64 KiB of direct RAM holding {@code program} at {@code origin}, reset to it. */
    private static M6502 cpu(String model, byte[] program, int origin) {
        byte[] ram = new byte[0x10000];
        System.arraycopy(program, 0, ram, origin, program.length);
        ram[0xFFFC] = (byte) origin;
        ram[0xFFFD] = (byte) (origin >> 8);
        AddressSpace space = new AddressSpace("test", 16, 8, ByteOrder.LITTLE_ENDIAN);
        space.installRam(0, 0xFFFF, MemorySegment.ofArray(ram));
        M6502 cpu = (M6502) new M6502Family().create(model, "maincpu", space, null);
        cpu.step();
        return cpu;
    }

    private static byte[] ram(M6502 cpu) {
        byte[] out = new byte[0x10000];
        for (int a = 0; a < 0x10000; a++) {
            out[a] = (byte) cpu.program().read8(a);
        }
        return out;
    }

    /**
     * Runs {@code translated} (already set to its engine) for about {@code cycles}, then an
     * interpreter twin to exactly the same cycle count, and compares registers and memory.
     */
    private static void assertSameAsInterpreter(M6502 translated, M6502 interpreted, long cycles) {
        translated.execute(cycles);
        long target = translated.cycles();
        while (interpreted.cycles() < target) {
            interpreted.step();
        }
        assertEquals(target, interpreted.cycles(), "block boundaries are instruction boundaries");
        assertEquals(interpreted.state().toString(), translated.state().toString());
        assertArrayEquals(ram(interpreted), ram(translated));
    }

    @Test
    void crcProgramGivesTheInterpretersStateAndCycles() {
        for (Variant v : Variant.values()) {
            M6502 rec = M6502Benchmark.load(new M6502Family(), v);
            rec.recompiler(2);
            rec.setEngine("recompiler");
            assertSameAsInterpreter(rec, M6502Benchmark.load(new M6502Family(), v), 3_000_000);
            assertTrue(rec.recompiler().cache().translations() > 0, "blocks translated");
            assertTrue(rec.program().read8(0x12) > 1, "passes done");
        }
    }

    @Test
    void benchmarkRunsOnTheRecompilerAndCountsInstructions() {
        CpuBenchmark.Result r = new M6502Family().benchmark("6502").orElseThrow().prepare("recompiler").run(100_000);
        // the run ends at a block boundary after the cycles of 100,000 instructions
        assertTrue(r.instructions() >= 100_000 && r.instructions() < 101_000, "instructions " + r.instructions());
        assertTrue(r.cycles() >= 3 * 100_000 && r.cycles() <= 4 * 100_000, "cycles " + r.cycles());
    }

    @Test
    void lockstepFindsNoDifferenceOnTheCrcProgram() {
        M6502 cpu = M6502Benchmark.load(new M6502Family(), Variant.NMOS);
        cpu.recompiler(2);
        cpu.setEngine("lockstep");
        cpu.execute(300_000);
        assertEquals("lockstep", cpu.engine());
        assertTrue(cpu.recompiler().cache().translations() > 0);
        assertEquals(crc(M6502Benchmark.data()), cpu.program().read8(0x10) | cpu.program().read8(0x11) << 8);
    }

    @Test
    void lockstepIsRefusedWithABusHook() {
        M6502 cpu = M6502Benchmark.load(new M6502Family(), Variant.NMOS);
        cpu.setBusCycleHook((address, kind) -> { });
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> cpu.setEngine("lockstep"));
        assertTrue(e.getMessage().contains("bus cycle hook"), e.getMessage());
        assertEquals("interpreter", cpu.engine());
    }

    @Test
    void lockstepReportsADifferenceWithBothStates() {
        M6502 cpu = M6502Benchmark.load(new M6502Family(), Variant.NMOS);
        cpu.recompiler(1);
        cpu.setEngine("lockstep");
        cpu.execute(1000);
        // corrupt one translated block: a block that claims a wrong cycle count must be caught
        M6502Block good = cpu.recompiler().lookup(cpu.state().pc, cpu.recompiler().mode());
        M6502Block bad = new M6502Block(good.address, good.mode, good.endAddress, good.instructions, 0) {
            @Override
            public M6502Block run(M6502Interpreter in) {
                M6502Block next = good.run(in);
                in.r.a ^= 0x01;
                return next;
            }
        };
        cpu.recompiler().cache().put(bad);
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> cpu.execute(1000));
        assertTrue(e.getMessage().contains("recompiler:") && e.getMessage().contains("interpreter:"), e.getMessage());
    }

    private static int crc(byte[] data) {
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

    // ------------------------------------------------------------------ assembled programs

    private static boolean haveCc65() {
        return Files.isExecutable(Path.of("/usr/bin/ca65")) && Files.isExecutable(Path.of("/usr/bin/ld65"));
    }

    private record Program(byte[] bytes, Map<String, Integer> labels) {
    }

    private static Program assemble(Path dir, Path source, int origin) throws Exception {
        exec(dir, "ca65", "-g", "-o", dir.resolve("p.o").toString(), source.toString());
        exec(dir, "ld65", "-t", "none", "-S", "0x" + Integer.toHexString(origin), "-Ln", dir.resolve("p.lbl").toString(),
                "-o", dir.resolve("p.bin").toString(), dir.resolve("p.o").toString());
        Map<String, Integer> labels = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("p.lbl"))) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[0].equals("al")) {
                labels.put(f[2].substring(1), Integer.parseInt(f[1], 16));
            }
        }
        return new Program(Files.readAllBytes(dir.resolve("p.bin")), labels);
    }

    private static void exec(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " timed out");
        assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + out);
    }

    /** Runs until the PC stays at {@code trap} (a jump to itself), at most {@code limit} cycles. */
    private static void runToTrap(M6502 cpu, int trap, long limit) {
        while (cpu.cycles() < limit && cpu.state().pc != trap) {
            cpu.execute(1000);
        }
        assertEquals(String.format("%04X", trap), String.format("%04X", cpu.state().pc), "trapped at the end label");
    }

    @Test
    void selfModifyingCodeRunsAsOnTheInterpreter(@TempDir Path dir) throws Exception {
        assumeTrue(haveCc65(), "needs ca65 and ld65 (Debian package cc65)");
        Program p = assemble(dir, ROOT.resolve("cpus/m6502/src/test/asm/smc.s"), 0x0400);
        int done = p.labels().get("done");
        for (String engine : List.of("recompiler", "lockstep")) {
            M6502 cpu = cpu("6502", p.bytes(), 0x0400);
            cpu.recompiler(2);
            cpu.setEngine(engine);
            runToTrap(cpu, done, 2_000_000);
            // expected values from the algorithm (see smc.s), not from an engine
            assertEquals(32640, cpu.program().read8(0x10) | cpu.program().read8(0x11) << 8, engine + ": block that patches itself");
            assertEquals(101 + 155 * 3, cpu.program().read8(0x12) | cpu.program().read8(0x13) << 8, engine + ": block patched by another");
            assertEquals(254, cpu.program().read8(0x14), engine + ": opcode rewritten in the running block");
            assertEquals(32640, cpu.program().read8(0x16) | cpu.program().read8(0x17) << 8, engine + ": page-zero code patched by page-zero stores");
            assertTrue(cpu.recompiler().cache().invalidations() > 0, "stores into code invalidated blocks");

            M6502 ref = cpu("6502", p.bytes(), 0x0400);
            while (ref.cycles() < cpu.cycles()) {
                ref.step();
            }
            assertEquals(ref.cycles(), cpu.cycles());
            assertEquals(ref.state().toString(), cpu.state().toString());
            assertArrayEquals(ram(ref), ram(cpu));
        }
    }

    @Test
    void trapSelfTestPassesOnTheRecompiler(@TempDir Path dir) throws Exception {
        assumeTrue(haveCc65(), "needs ca65 and ld65 (Debian package cc65)");
        Program p = assemble(dir, ROOT.resolve("roms-test/src/test/asm/m6502/selftest.s"), 0x0400);
        int success = p.labels().get("success");
        int fail = p.labels().get("fail");
        assertNotEquals(success, fail);
        for (String model : List.of("6502", "65c02")) {
            for (String engine : List.of("recompiler", "lockstep")) {
                M6502 cpu = cpu(model, p.bytes(), 0x0400);
                cpu.recompiler(1);
                cpu.setEngine(engine);
                runToTrap(cpu, success, 1_000_000);
                M6502 ref = cpu(model, p.bytes(), 0x0400);
                while (ref.cycles() < cpu.cycles()) {
                    ref.step();
                }
                assertEquals(ref.state().toString(), cpu.state().toString(), model + " " + engine);
                assertArrayEquals(ram(ref), ram(cpu), model + " " + engine);
            }
        }
    }

    // ------------------------------------------------------------------ interrupts and bus cycles

    /** One run of the CRC loop with NMI and IRQ raised by a bus hook at fixed cycles; returns the bus log. */
    private static List<Long> interruptRun(String engine) {
        byte[] ram = new byte[0x10000];
        System.arraycopy(M6502Benchmark.PROGRAM, 0, ram, M6502Benchmark.ORIGIN, M6502Benchmark.PROGRAM.length);
        System.arraycopy(M6502Benchmark.data(), 0, ram, M6502Benchmark.DATA, 256);
        // reset at $0500: CLI, JMP $0200; NMI at $0510: INC $20, RTI; IRQ at $0520: INC $21, RTI
        int[] code = {0x58, 0x4C, 0x00, 0x02};
        int[] nmi = {0xE6, 0x20, 0x40};
        int[] irq = {0xE6, 0x21, 0x40};
        for (int k = 0; k < code.length; k++) {
            ram[0x500 + k] = (byte) code[k];
        }
        for (int k = 0; k < 3; k++) {
            ram[0x510 + k] = (byte) nmi[k];
            ram[0x520 + k] = (byte) irq[k];
        }
        int[] vectors = {0x10, 0x05, 0x00, 0x05, 0x20, 0x05};
        for (int k = 0; k < 6; k++) {
            ram[0xFFFA + k] = (byte) vectors[k];
        }
        AddressSpace space = new AddressSpace("test", 16, 8, ByteOrder.LITTLE_ENDIAN);
        space.installRam(0, 0xFFFF, MemorySegment.ofArray(ram));
        M6502 cpu = (M6502) new M6502Family().create("6502", "maincpu", space, null);
        cpu.recompiler(1);
        cpu.setEngine(engine);
        List<Long> log = new ArrayList<>();
        long[] cycle = {0};
        cpu.setBusCycleHook((address, kind) -> {
            cycle[0]++;
            log.add((long) address << 8 | kind);
            long c = cycle[0];
            if (c % 1009 == 0) {
                cpu.line("nmi").assertLine();
            } else if (c % 1009 == 3) {
                cpu.line("nmi").clear();
            }
            if (c % 2003 == 0) {
                cpu.line("irq").assertLine();
            } else if (c % 2003 == 40) {
                cpu.line("irq").clear();
            }
        });
        cpu.execute(60_000);
        log.add(cpu.cycles());
        log.add((long) ram[0x20] << 8 | (ram[0x21] & 0xFF));
        log.add((long) cpu.state().p() << 16 | cpu.state().pc);
        return log;
    }

    @Test
    void interruptsAreTakenAtTheSameCycleWithEveryBusCycleTheSame() {
        List<Long> interpreter = interruptRun("interpreter");
        List<Long> recompiler = interruptRun("recompiler");
        assertTrue(interpreter.size() > 60_000);
        int n = Math.min(interpreter.size(), recompiler.size());
        for (int k = 0; k < n - 3; k++) {
            if (!interpreter.get(k).equals(recompiler.get(k))) {
                assertEquals(Long.toHexString(interpreter.get(k)), Long.toHexString(recompiler.get(k)), "bus cycle " + (k + 1));
            }
        }
        long nmis = interpreter.get(interpreter.size() - 2);
        assertTrue((nmis >> 8) > 10 && (nmis & 0xFF) > 5, "NMIs and IRQs taken: " + Long.toHexString(nmis));
        // the recompiler may stop a block later than the interpreter stops an instruction; compare the common prefix
        assertTrue(n > 60_000, "compared " + n + " cycles");
    }
}
