package dev.machina.cpu.z80;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Interrupt entry per Zilog UM0080 (pp. 22-26: NMI, IM 0/1/2, EI delay, HALT) and Young,
 * "The Undocumented Z80 Documented" (LD A,I P/V bug, MEMPTR on interrupt entry).
 */
class Z80InterruptTest {
    private final Z80TestBench b = new Z80TestBench();

    @Test
    void im1AfterTheEiDelay() {
        b.load(0, 0xED, 0x56, 0xFB, 0x00, 0x00); // IM 1; EI; NOP; NOP
        b.s.sp = 0x8000;
        b.cpu.line("int").assertLine();
        b.cpu.step(); // IM 1
        b.cpu.step(); // EI
        assertEquals(3, b.s.pc);
        assertEquals(4, b.cpu.step()); // the instruction after EI runs first
        assertEquals(4, b.s.pc);
        assertEquals(13, b.cpu.step()); // now the interrupt: 13 T-states
        assertEquals(0x38, b.s.pc);
        assertEquals(0x38, b.s.wz);
        assertEquals(0x7FFE, b.s.sp);
        assertEquals(4, b.word(0x7FFE));
        assertFalse(b.s.iff1);
        assertFalse(b.s.iff2);
    }

    @Test
    void im2ReadsTheVectorTableThroughTheDataBus() {
        b.load(0, 0xED, 0x5E, 0xFB, 0x00); // IM 2; EI; NOP
        b.load(0x8010, 0x34, 0x12);
        b.s.i = 0x80;
        b.s.sp = 0x9000;
        b.cpu.line("int").setAcknowledge(l -> 0x10);
        b.cpu.step();
        b.cpu.step();
        b.cpu.line("int").assertLine();
        b.cpu.step(); // NOP after EI
        assertEquals(19, b.cpu.step());
        assertEquals(0x1234, b.s.pc);
        assertEquals(4, b.word(0x8FFE));
    }

    @Test
    void im0ExecutesTheRstOnTheDataBus() {
        b.load(0, 0xED, 0x46, 0xFB, 0x00); // IM 0; EI; NOP
        b.s.sp = 0x9000;
        b.cpu.line("int").setAcknowledge(l -> 0xD7); // RST 10H
        b.cpu.step();
        b.cpu.step();
        b.cpu.line("int").assertLine();
        b.cpu.step();
        assertEquals(13, b.cpu.step());
        assertEquals(0x10, b.s.pc);
    }

    @Test
    void maskedWhenInterruptsAreDisabled() {
        b.load(0, 0xF3, 0x00, 0x00); // DI; NOP; NOP
        b.cpu.line("int").assertLine();
        b.cpu.step();
        b.cpu.step();
        b.cpu.step();
        assertEquals(3, b.s.pc);
    }

    @Test
    void nmiKeepsIff2AndRetnRestoresIff1() {
        b.load(0, 0xFB, 0x00, 0x00); // EI; NOP; NOP
        b.load(0x66, 0xED, 0x45); // RETN
        b.s.sp = 0x8000;
        b.cpu.step();
        b.cpu.step();
        b.cpu.line("nmi").assertLine();
        assertEquals(11, b.cpu.step());
        assertEquals(0x66, b.s.pc);
        assertFalse(b.s.iff1);
        assertTrue(b.s.iff2);
        b.cpu.step(); // RETN
        assertEquals(2, b.s.pc);
        assertTrue(b.s.iff1);
    }

    @Test
    void haltIdlesUntilAnInterruptThenReturnsPastTheHalt() {
        b.load(0, 0xED, 0x56, 0xFB, 0x76, 0x00); // IM 1; EI; HALT; NOP
        b.s.sp = 0x8000;
        b.cpu.step();
        b.cpu.step();
        b.cpu.step(); // HALT
        assertTrue(b.s.halted);
        assertEquals(4, b.s.pc);
        int r = b.s.r();
        assertEquals(4, b.cpu.step()); // idle M1 cycle, refresh counts on
        assertEquals(4, b.s.pc);
        assertEquals((r + 1) & 0x7F, b.s.r());
        b.cpu.line("int").assertLine();
        b.cpu.step();
        assertFalse(b.s.halted);
        assertEquals(0x38, b.s.pc);
        assertEquals(4, b.word(0x7FFE));
    }

    @Test
    void interruptRightAfterLdAiClearsParity() {
        b.load(0, 0xED, 0x56, 0xFB, 0x00, 0xED, 0x57, 0x00); // IM 1; EI; NOP; LD A,I; NOP
        b.s.sp = 0x8000;
        b.cpu.step();
        b.cpu.step();
        b.cpu.step();
        b.cpu.step(); // LD A,I with IFF2 = 1: P/V set
        assertEquals(Z80State.FLAG_PV, b.s.f & Z80State.FLAG_PV);
        b.cpu.line("int").assertLine();
        b.cpu.step(); // accepted right after LD A,I: P/V reads as 0 (NMOS)
        assertEquals(0, b.s.f & Z80State.FLAG_PV);
    }

    @Test
    void executeRunsToTheBudgetAndIdlesWhileHalted() {
        b.load(0, 0x76); // HALT
        long used = b.cpu.execute(1000);
        assertTrue(used >= 1000 && used < 1004, "used " + used);
        assertTrue(b.s.halted);
    }
}
