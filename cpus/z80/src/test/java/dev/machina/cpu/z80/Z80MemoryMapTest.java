package dev.machina.cpu.z80;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The interpreter's fetch fast paths (the flat 64 KiB array and the code page cache) follow a
 * bank switch done by an I/O write in the middle of a run: the next fetches come from the newly
 * mapped memory.
 */
class Z80MemoryMapTest {
    /**
     * Flat RAM holds {@code 0000 LD A,1 / OUT (0),A / JP 4000H} and, at 4000H, {@code LD A,99H /
     * HALT}; the OUT handler maps a second RAM at 4000H-7FFFH whose first bytes are
     * {@code LD A,42H / HALT}, so A ends 42H on every engine.
     */
    @Test
    void bankSwitchByOutIsSeenByTheNextFetch() {
        for (String engine : new String[] {"interpreter", "recompiler"}) {
            Z80TestBench b = new Z80TestBench();
            b.load(0, 0x3E, 0x01, 0xD3, 0x00, 0xC3, 0x00, 0x40);
            b.load(0x4000, 0x3E, 0x99, 0x76);
            switchBankOnOut(b);
            b.cpu.setTranslationThreshold(1);
            b.cpu.setEngine(engine);
            b.cpu.execute(200);
            assertTrue(b.s.halted, engine + ": should halt in the switched bank");
            assertEquals(0x42, b.s.r[Z80State.A], engine + ": A from the code of the new bank");
            assertEquals(0x4003, b.s.pc, engine);
        }
    }

    /**
     * The same switch with the old code already fetched through the fast path: a loop in flat
     * RAM at 4000H runs first (so its page is cached), then code at 0100H switches the bank and
     * jumps back to 4000H.
     */
    @Test
    void bankSwitchAfterTheOldCodeRan() {
        for (String engine : new String[] {"interpreter", "recompiler"}) {
            Z80TestBench b = new Z80TestBench();
            // 0000: CALL 4000H / OUT (0),A / JP 4000H ; 4000 (old): LD B,10 / DJNZ $ / RET
            b.load(0, 0xCD, 0x00, 0x40, 0xD3, 0x00, 0xC3, 0x00, 0x40);
            b.load(0x4000, 0x06, 0x0A, 0x10, 0xFE, 0xC9);
            b.s.sp = 0xF000;
            switchBankOnOut(b);
            b.cpu.setTranslationThreshold(1);
            b.cpu.setEngine(engine);
            b.cpu.execute(1000);
            assertTrue(b.s.halted, engine + ": should halt in the switched bank");
            assertEquals(0x42, b.s.r[Z80State.A], engine);
            assertEquals(0, b.s.r[Z80State.B], engine + ": the old loop ran first");
        }
    }

    /** Any OUT maps a second RAM at 4000H-7FFFH that starts with {@code LD A,42H / HALT}. */
    private static void switchBankOnOut(Z80TestBench b) {
        byte[] bank = new byte[0x4000];
        bank[0] = 0x3E;
        bank[1] = 0x42;
        bank[2] = 0x76;
        b.io.installHandler(0, 0xFFFF, port -> 0xFF, (port, v) -> b.mem.installRam(0x4000, 0x7FFF, MemorySegment.ofArray(bank)));
    }
}
