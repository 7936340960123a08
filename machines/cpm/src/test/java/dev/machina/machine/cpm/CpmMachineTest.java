package dev.machina.machine.cpm;

import dev.machina.core.machine.EmulationException;
import dev.machina.core.machine.Machine;
import dev.machina.core.machine.MachineConfig;
import dev.machina.core.machine.RunOptions;
import dev.machina.core.media.MediaException;
import dev.machina.cpu.z80.Z80State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs our own CP/M programs (src/test/asm, assembled with z80asm) through the cpm machine. */
class CpmMachineTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    private Machine build(Path program) throws MediaException {
        return build(program, List.of());
    }

    private Machine build(Path program, List<String> arguments) throws MediaException {
        return new CpmDefinition().build(new MachineConfig(Map.of("program", program), List.of(), Map.of(), arguments));
    }

    private int run(Path program, String input, long maxCycles) throws Exception {
        return run(program, List.of(), input, maxCycles);
    }

    private int run(Path program, List<String> arguments, String input, long maxCycles) throws Exception {
        PrintStream out = new PrintStream(console, true, StandardCharsets.ISO_8859_1);
        RunOptions options = new RunOptions(maxCycles, 0, null, null, null,
                new ByteArrayInputStream(input.getBytes(StandardCharsets.ISO_8859_1)), out, out);
        return build(program, arguments).run(options);
    }

    private String output() {
        return console.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void instructionCheckerPassesEveryCheck() throws Exception {
        int status = run(Z80Asm.assemble("zcheck", dir), "", 0);
        assertEquals("PASS 49 checks\r\n", output());
        assertEquals(0, status);
    }

    @Test
    void consoleFunctionsReadStdinAndEcho() throws Exception {
        int status = run(Z80Asm.assemble("console", dir), "World\nx", 0);
        assertEquals("Name? World\r\nHello, World!\r\nRx\r\n", output());
        assertEquals(0, status);
    }

    @Test
    void consoleInputAtEndOfFileReadsAnEmptyLine() throws Exception {
        run(Z80Asm.assemble("console", dir), "", 0);
        assertEquals("Name? \r\nHello, !\r\nN\r\n", output());
    }

    @Test
    void argumentsBecomeTheCommandTailAndTheDefaultFcb() throws Exception {
        int status = run(Z80Asm.assemble("tail", dir), List.of("b:file.txt", "other"), "", 0);
        assertEquals(" B:FILE.TXT OTHER|FILE    TXT|2", output());
        assertEquals(0, status);
    }

    @Test
    void noArgumentsLeaveAnEmptyTailAndBlankFcb() throws Exception {
        run(Z80Asm.assemble("tail", dir), List.of(), "", 0);
        assertEquals("|           |0", output());
    }

    @Test
    void tooLongCommandTailIsRejected() throws Exception {
        Path program = Files.write(dir.resolve("ret.com"), new byte[]{(byte) 0xC9});
        MediaException e = assertThrows(MediaException.class, () -> build(program, List.of("x".repeat(126))));
        assertEquals("cpm: command tail is 127 characters, at most 126 fit at 0080H", e.getMessage());
    }

    @Test
    void unimplementedBdosFunctionIsNamed() throws Exception {
        Path program = Z80Asm.assemble("bdos15", dir);
        EmulationException e = assertThrows(EmulationException.class, () -> run(program, "", 0));
        assertEquals("cpm: BDOS function 15 (open file) not implemented, called from 0105H", e.getMessage());
    }

    @Test
    void maxCyclesStopsAnEndlessProgram() throws Exception {
        Path program = Z80Asm.assemble("forever", dir);
        EmulationException e = assertThrows(EmulationException.class, () -> run(program, "", 100_000));
        assertTrue(e.getMessage().startsWith("cpm: stopped after --max-cycles 100000 T-states at PC=0107H"), e.getMessage());
        assertEquals("*", output());
    }

    @Test
    void haltWithNothingToWakeItIsAnError() throws Exception {
        Path program = Z80Asm.assemble("halt", dir);
        EmulationException e = assertThrows(EmulationException.class, () -> run(program, "", 0));
        assertEquals("cpm: HALT at 0101H and nothing can interrupt the CPU", e.getMessage());
    }

    @Test
    void emptyProgramIsRejected() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.com"));
        MediaException e = assertThrows(MediaException.class, () -> build(empty));
        assertEquals(empty + ": empty .COM file", e.getMessage());
    }

    @Test
    void programLargerThanTheTpaIsRejected() throws Exception {
        Path big = Files.write(dir.resolve("big.com"), new byte[CpmMemoryMap.TPA_SIZE + 1]);
        MediaException e = assertThrows(MediaException.class, () -> build(big));
        assertEquals(big + ": 64641 bytes does not fit the TPA (0100H-FD7FH, at most 64640 bytes)", e.getMessage());
    }

    @Test
    void largestProgramFits() throws Exception {
        // a TPA-sized image whose first byte is RET (C9H): returns to CP/M at once
        byte[] image = new byte[CpmMemoryMap.TPA_SIZE];
        image[0] = (byte) 0xC9;
        assertEquals(0, run(Files.write(dir.resolve("max.com"), image), "", 0));
    }

    @Test
    void missingProgramIsRejected() {
        Path missing = dir.resolve("missing.com");
        MediaException e = assertThrows(MediaException.class, () -> build(missing));
        assertEquals(missing + ": no such file", e.getMessage());
    }

    /** Runs a program on one engine; returns its console output and its final state (registers and a hash of the RAM). */
    private String[] runOn(String engine, Path program, String input) throws Exception {
        return runOn(engine, program, input, 1);
    }

    /** As above, translating a block after {@code threshold} interpreted entries (1: at first entry). */
    private String[] runOn(String engine, Path program, String input, int threshold) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.ISO_8859_1);
        RunOptions options = new RunOptions(0, 0, null, null, null,
                new ByteArrayInputStream(input.getBytes(StandardCharsets.ISO_8859_1)), out, out);
        CpmMachine m = (CpmMachine) new CpmDefinition().build(
                new MachineConfig(Map.of("program", program), List.of(), Map.of(MachineConfig.ENGINE_OPTION, engine), List.of()));
        m.cpu().setTranslationThreshold(threshold);
        assertEquals(0, m.run(options));
        assertEquals(engine, m.cpu().engine());
        if (!engine.equals("interpreter")) {
            assertTrue(m.cpu().translations() > 0, "the " + engine + " translated no block");
        }
        Z80State s = m.cpu().state();
        String state = String.format("PC=%04X SP=%04X AF=%04X BC=%04X DE=%04X HL=%04X IX=%04X IY=%04X alt=%04X %04X %04X %04X"
                        + " I=%02X R=%02X WZ=%04X IFF=%b/%b IM=%d Q=%02X instructions=%d RAM hash=%08X",
                s.pc, s.sp, s.af(), s.bc(), s.de(), s.hl(), s.pair(Z80State.IX), s.pair(Z80State.IY), s.af2, s.bc2, s.de2,
                s.hl2, s.i, s.r(), s.wz, s.iff1, s.iff2, s.im, s.q(), s.icount, java.util.Arrays.hashCode(m.ram()));
        return new String[]{buf.toString(StandardCharsets.ISO_8859_1), state};
    }

    @Test
    void programsGiveTheSameOutputAndFinalStateOnEveryEngine() throws Exception {
        for (String name : List.of("zcheck", "smc", "console")) {
            Path program = Z80Asm.assemble(name, dir);
            String[] reference = runOn("interpreter", program, "World\nx");
            for (String engine : List.of("recompiler", "lockstep")) {
                String[] got = runOn(engine, program, "World\nx");
                assertEquals(reference[0], got[0], name + " output on " + engine);
                assertEquals(reference[1], got[1], name + " final state on " + engine);
            }
        }
    }

    @Test
    void selfModifyingCodePassesOnEveryEngine() throws Exception {
        Path program = Z80Asm.assemble("smc", dir);
        // translation at first entry is covered above; here the default tier-up, where blocks
        // are dropped and translated again while the loops run
        for (String engine : List.of("recompiler", "lockstep")) {
            assertEquals("SMC PASS\r\n", runOn(engine, program, "", 200)[0], engine);
        }
    }

    @Test
    void engineOptionReachesTheCpuAndAutoPicksTheRecompiler() throws Exception {
        Path program = Files.write(dir.resolve("ret.com"), new byte[]{(byte) 0xC9});
        for (String[] e : new String[][]{{"auto", "recompiler"}, {"interpreter", "interpreter"}, {"lockstep", "lockstep"}}) {
            CpmMachine m = (CpmMachine) new CpmDefinition().build(
                    new MachineConfig(Map.of("program", program), List.of(), Map.of(MachineConfig.ENGINE_OPTION, e[0]), List.of()));
            assertEquals(e[1], m.cpu().engine());
        }
        assertThrows(IllegalArgumentException.class, () -> new CpmDefinition().build(
                new MachineConfig(Map.of("program", program), List.of(), Map.of(MachineConfig.ENGINE_OPTION, "kvm"), List.of())));
    }
}
