package dev.machina.cpu.z80;

import dev.machina.core.state.StateReader;
import dev.machina.core.state.StateWriter;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Save states, the register view and the benchmark program. */
class Z80StateTest {

    @Test
    void stateRoundTripContinuesIdentically() throws Exception {
        Z80Cpu a = Z80Benchmark.newMachine();
        for (int k = 0; k < 12_345; k++) {
            a.step();
        }
        StateWriter w = new StateWriter();
        a.saveState(w);
        byte[] saved = w.toByteArray();

        Z80Cpu b = Z80Benchmark.newMachine();
        // same memory contents: run b to the same point, then scramble its registers and reload
        for (int k = 0; k < 12_345; k++) {
            b.step();
        }
        b.registers().set("hl", 0xDEAD);
        b.registers().set("pc", 0x4000);
        StateReader r = new StateReader("chunk test", saved);
        b.loadState(r);
        r.expectEnd();
        for (int k = 0; k < 5_000; k++) {
            a.step();
            b.step();
        }
        StateWriter wa = new StateWriter(), wb = new StateWriter();
        a.saveState(wa);
        b.saveState(wb);
        assertArrayEquals(wa.toByteArray(), wb.toByteArray());
    }

    @Test
    void truncatedStateIsRefused() {
        Z80Cpu a = Z80Benchmark.newMachine();
        assertThrows(dev.machina.core.state.StateException.class,
                () -> a.loadState(new StateReader("chunk test", new byte[5])));
    }

    @Test
    void registerViewNamesAndPairs() {
        Z80TestBench b = new Z80TestBench();
        var regs = b.cpu.registers();
        regs.set("bc", 0x1234);
        assertEquals(0x12, regs.get("b"));
        assertEquals(0x34, regs.get("c"));
        regs.set("ix", 0xABCD);
        assertEquals(0xAB, regs.get("ixh"));
        regs.set("af'", 0x5566);
        assertEquals(0x5566, regs.get("af'"));
        assertEquals(16, regs.width("wz"));
        assertThrows(IllegalArgumentException.class, () -> regs.get("x"));
        assertThrows(IllegalArgumentException.class, () -> regs.set("im", 3));
    }

    @Test
    void benchmarkProgramComputesTheSieveCrc() {
        // the same algorithm written in Java: primes marked 1 in a[0..8191] (0 and 1 stay 1),
        // then CRC-16/XMODEM (polynomial 1021H, initial 0) over the array
        int[] sieve = new int[0x2000];
        java.util.Arrays.fill(sieve, 1);
        for (int n = 2; n < sieve.length; n++) {
            if (sieve[n] != 0) {
                for (int m = 2 * n; m < sieve.length; m += n) {
                    sieve[m] = 0;
                }
            }
        }
        int crc = 0;
        for (int v : sieve) {
            crc ^= v << 8;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x1021) & 0xFFFF : (crc << 1) & 0xFFFF;
            }
        }
        Z80Cpu cpu = Z80Benchmark.newMachine();
        long steps = 0;
        while (cpu.state().pc != 0x54) { // JP start, after LD (1000H),DE
            cpu.step();
            if (++steps > 50_000_000) {
                throw new AssertionError("benchmark program did not finish a pass");
            }
        }
        assertEquals(crc, cpu.state().pair(Z80State.DE));
        var ram = cpu.disassembler(); // memory readable through the disassembler's space
        assertEquals("JP 0000H", ram.disassemble(0x54).text());
    }
}
