package dev.machina.cpu.x86;

import dev.machina.core.memory.AddressSpace;
import dev.machina.core.sched.InterruptLine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs 8086 programs of ours ({@code src/test/asm/*.asm}), assembled with nasm at test time, and
 * checks the results they store against values computed here independently.
 */
class X86ProgramTest {
    private static final int LOAD = 0x500;
    private static final int RESULTS = LOAD + 0x10;

    @TempDir
    static Path tmp;

    private static boolean nasm;

    @BeforeAll
    static void findNasm() {
        try {
            Process p = new ProcessBuilder("nasm", "-v").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            nasm = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            nasm = false;
        }
    }

    private static byte[] assemble(String name) throws Exception {
        assumeTrue(nasm, "needs nasm (Debian nasm)");
        Path src = Path.of("src/test/asm", name).toAbsolutePath();
        Path out = tmp.resolve(name + ".bin");
        Process p = new ProcessBuilder("nasm", "-f", "bin", "-o", out.toString(), src.toString()).redirectErrorStream(true).start();
        String msg = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "nasm failed: " + msg);
        return Files.readAllBytes(out);
    }

    private record Machine(X86Cpu cpu, byte[] ram) {
        int word(int address) {
            return (ram[address] & 0xFF) | (ram[address + 1] & 0xFF) << 8;
        }

        void runUntilHalt(int maxSteps) {
            for (int i = 0; i < maxSteps && !cpu.state().halted; i++) {
                cpu.step();
            }
            assertTrue(cpu.state().halted, "program did not reach HLT");
        }
    }

    private static Machine load(byte[] program) {
        return load(program, "8086");
    }

    private static Machine load(byte[] program, String model) {
        byte[] ram = new byte[1 << 20];
        System.arraycopy(program, 0, ram, LOAD, program.length);
        AddressSpace mem = new AddressSpace("test", 20, 12, ByteOrder.LITTLE_ENDIAN);
        mem.installRam(0, 0xFFFFF, MemorySegment.ofArray(ram));
        AddressSpace io = new AddressSpace("test io", 16, 8, ByteOrder.LITTLE_ENDIAN);
        X86Cpu cpu = (X86Cpu) new X86Family().create(model, "maincpu", mem, io);
        cpu.registers().set("cs", LOAD >> 4);
        cpu.registers().set("ip", 0);
        cpu.registers().set("ss", 0x9000);
        cpu.registers().set("sp", 0xFFFE);
        return new Machine(cpu, ram);
    }

    @Test
    void selfTestProgramComputesItsResults() throws Exception {
        Machine m = load(assemble("selftest.asm"));
        m.runUntilHalt(2_000_000);

        assertEquals(0xD0E5, m.word(RESULTS + 0x1E), "end marker");
        int primes = 0;
        for (int n = 2; n < 1000; n++) {
            boolean prime = true;
            for (int d = 2; d * d <= n; d++) {
                prime &= n % d != 0;
            }
            primes += prime ? 1 : 0;
        }
        assertEquals(primes, m.word(RESULTS));
        assertEquals(0x31C3, m.word(RESULTS + 2), "CRC-16/XMODEM check value of \"123456789\"");
        assertEquals(40320 & 0xFFFF, m.word(RESULTS + 4));
        assertEquals(40320 >>> 16, m.word(RESULTS + 6));
        assertEquals(100000 / 7, m.word(RESULTS + 8));
        assertEquals(100000 % 7, m.word(RESULTS + 0xA));
        assertEquals(-100 / 7 & 0xFFFF, m.word(RESULTS + 0xC), "IDIV truncates toward zero");
        assertEquals(3, m.word(RESULTS + 0xE), "INT 80h handler calls");
        assertEquals(m.word(RESULTS + 0x26), m.word(RESULTS + 0x10), "divide error returns past the DIV");
        byte[] bcd = Arrays.copyOfRange(m.ram(), RESULTS + 0x12, RESULTS + 0x17);
        assertArrayEquals(new byte[]{0x77, 0x00, 0x00, 0x00, 0x01}, bcd, "12345678 + 87654399 = 100000077 in packed BCD");
        assertEquals("machina 808".length(), m.word(RESULTS + 0x18), "REPE CMPSB stops at the first difference");
        assertEquals("machina 8086!".length(), m.word(RESULTS + 0x1A), "REPNE SCASB string length");
        int[] expected = {300, -5, 42, 7, -1000, 0, 999, 42, -6, 1};
        int sum = Arrays.stream(expected).sum();
        Arrays.sort(expected);
        int array = LOAD + m.word(RESULTS + 0x1C);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i] & 0xFFFF, m.word(array + 2 * i), "sorted[" + i + "]");
        }
        assertEquals(sum & 0xFFFF, m.word(RESULTS + 0x20));
        int x = 0x8421;
        int rol4 = ((x << 4) | (x >>> 12)) & 0xFFFF;
        int sar3 = ((short) x >> 3) & 0xFFFF;
        assertEquals((rol4 >>> 1) ^ sar3, m.word(RESULTS + 0x22));
        assertEquals(40, m.word(RESULTS + 0x24), "XLAT table[3]");
    }

    @Test
    void interruptLinesAndSingleStep() throws Exception {
        Machine m = load(assemble("interrupts.asm"));
        InterruptLine intr = m.cpu().line("intr");
        int[] acks = new int[1];
        intr.setAcknowledge(line -> {
            acks[0]++;
            intr.clear();
            return 0x40;
        });
        m.runUntilHalt(10_000);
        assertEquals(0, m.word(RESULTS), "no INTR yet");
        for (int i = 0; i < 100; i++) {
            m.cpu().step(); // stays halted
        }
        assertTrue(m.cpu().state().halted);
        intr.assertLine();
        m.cpu().step(); // takes the interrupt
        m.runUntilHalt(10_000);
        assertEquals(1, acks[0], "one INTA cycle");
        assertEquals(1, m.word(RESULTS), "INTR handler ran once");

        InterruptLine nmi = m.cpu().line("nmi");
        nmi.assertLine();
        nmi.clear();
        m.cpu().step();
        m.runUntilHalt(10_000);
        assertEquals(1, m.word(RESULTS + 2), "NMI handler ran once (edge-triggered)");

        assertEquals(0xD0E5, m.word(RESULTS + 0x12), "end marker");
        assertEquals(3, m.word(RESULTS + 4), "three traps");
        for (int i = 0; i < 3; i++) {
            assertEquals(m.word(RESULTS + 0xC + 2 * i), m.word(RESULTS + 6 + 2 * i), "trap " + i + " return IP");
        }
    }

    @Test
    void selfModifyingCodeSeesThePrefetchQueueLength() throws Exception {
        byte[] program = assemble("queue.asm");
        for (String model : new String[]{"8086", "8088"}) {
            Machine m = load(program, model);
            m.runUntilHalt(10_000);
            assertEquals(0xD0E5, m.word(RESULTS + 2), "end marker");
            assertEquals(model.equals("8086") ? 6 : 4, m.word(RESULTS), model + " prefetch queue length");
        }
    }
}
