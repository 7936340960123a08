package dev.machina.cpu.m6502;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RESET, IRQ, NMI and BRK sequences and where interrupts are sampled, after the NESdev wiki
 * ("CPU interrupts", "CPU power up state") and 64doc.
 */
class M6502InterruptTest {
    private static final int NOP = 0xEA, CLI = 0x58, SEI = 0x78, BRK = 0x00, JAM = 0x02, INX = 0xE8;

    @Test
    void powerOnRunsTheResetSequence() {
        Rig rig = new Rig("6502");
        assertEquals(7, rig.boot());
        assertEquals(Rig.RESET, rig.s().pc);
        assertEquals(0xFD, rig.s().s, "S starts at 0 and is decremented three times");
        assertTrue(rig.s().i);
        int[] addresses = rig.bus.stream().mapToInt(c -> c[0]).toArray();
        // two reads at PC (0), three stack reads that do not write, the vector
        assertArrayEquals(new int[]{0x0000, 0x0000, 0x0100, 0x01FF, 0x01FE, 0xFFFC, 0xFFFD}, addresses);
        assertTrue(rig.bus.stream().allMatch(c -> c[1] == BusCycleHook.READ));
    }

    @Test
    void irqIsTakenWhenIClearAndPushesPcAndPWithBClear() {
        Rig rig = new Rig("6502").poke(Rig.RESET, CLI, NOP, NOP);
        rig.boot();
        rig.cpu.line("irq").assertLine();
        assertEquals(2, rig.cpu.step(), "CLI");
        assertEquals(2, rig.cpu.step(), "the instruction after CLI runs before the IRQ");
        assertEquals(7, rig.cpu.step(), "IRQ sequence");
        assertEquals(Rig.IRQ, rig.s().pc);
        assertTrue(rig.s().i);
        assertEquals(0xFA, rig.s().s);
        assertEquals(0x02, rig.peek(0x01FD), "PCH");
        assertEquals(0x02, rig.peek(0x01FC), "PCL: the address after the NOP");
        assertEquals(0, rig.peek(0x01FB) & M6502State.FLAG_B, "B clear in an IRQ's pushed P");
        assertEquals(M6502State.FLAG_U, rig.peek(0x01FB) & M6502State.FLAG_U);
    }

    @Test
    void irqIsIgnoredWhileISet() {
        Rig rig = new Rig("6502").poke(Rig.RESET, NOP, NOP, NOP);
        rig.boot();
        rig.cpu.line("irq").assertLine();
        for (int k = 0; k < 3; k++) {
            assertEquals(2, rig.cpu.step());
        }
        assertEquals(Rig.RESET + 3, rig.s().pc);
    }

    @Test
    void irqArrivingDuringSeiIsStillTakenAfterIt() {
        // CLI, NOP, then SEI: the IRQ asserted in SEI's first cycle is sampled with the old I
        Rig rig = new Rig("6502").poke(Rig.RESET, CLI, NOP, SEI, NOP);
        rig.boot();
        rig.cpu.step();
        rig.cpu.step();
        long seiStart = rig.cycle() + 1;
        rig.at(seiStart, () -> rig.cpu.line("irq").assertLine());
        assertEquals(2, rig.cpu.step(), "SEI");
        assertEquals(7, rig.cpu.step(), "the IRQ comes right after SEI");
        assertEquals(M6502State.FLAG_I, rig.peek(0x01FB) & M6502State.FLAG_I, "pushed P has I set by SEI");
        assertEquals(Rig.RESET + 3, rig.peek(0x01FC) | rig.peek(0x01FD) << 8);
    }

    @Test
    void takenBranchWithoutPageCrossingDelaysTheInterruptByOneInstruction() {
        // $0200: CLI; $0201: BNE +0 (taken, same page, 3 cycles); $0203: INX; $0204: INX
        Rig rig = new Rig("6502").poke(Rig.RESET, CLI, 0xD0, 0x00, INX, INX);
        rig.boot();
        rig.s().z = 1;
        rig.cpu.step();
        long branchStart = rig.cycle() + 1;
        rig.at(branchStart + 1, () -> rig.cpu.line("irq").assertLine());   // in the branch's 2nd cycle
        assertEquals(3, rig.cpu.step(), "taken branch");
        assertEquals(2, rig.cpu.step(), "INX runs first");
        assertEquals(7, rig.cpu.step(), "then the IRQ");
        assertEquals(Rig.RESET + 4, rig.peek(0x01FC) | rig.peek(0x01FD) << 8);
    }

    @Test
    void interruptAssertedInTheLastCycleWaitsOneInstruction() {
        Rig rig = new Rig("6502").poke(Rig.RESET, CLI, INX, INX, INX);
        rig.boot();
        rig.cpu.step();
        rig.cpu.step();
        long inxStart = rig.cycle() + 1;
        rig.at(inxStart + 1, () -> rig.cpu.line("nmi").assertLine());    // INX's last cycle
        assertEquals(2, rig.cpu.step());
        assertEquals(2, rig.cpu.step(), "NMI sampled after the next-to-last cycle: one more INX");
        assertEquals(7, rig.cpu.step());
        assertEquals(Rig.NMI, rig.s().pc);
    }

    @Test
    void nmiIsEdgeTriggered() {
        Rig rig = new Rig("6502").poke(Rig.RESET, NOP).poke(Rig.NMI, NOP, NOP, NOP, NOP);
        rig.boot();
        rig.cpu.line("nmi").assertLine();
        rig.cpu.step();
        assertEquals(7, rig.cpu.step(), "NMI taken");
        assertEquals(Rig.NMI, rig.s().pc);
        for (int k = 0; k < 3; k++) {
            assertEquals(2, rig.cpu.step(), "a held NMI line does not retrigger");
        }
        rig.cpu.line("nmi").clear();
        rig.cpu.line("nmi").assertLine();
        rig.cpu.step();
        assertEquals(7, rig.cpu.step(), "a new edge does");
    }

    @Test
    void nmiDuringBrkHijacksItsVector() {
        Rig rig = new Rig("6502").poke(Rig.RESET, BRK, 0x00).poke(Rig.NMI, NOP);
        rig.boot();
        long brkStart = rig.cycle() + 1;
        rig.at(brkStart + 2, () -> rig.cpu.line("nmi").assertLine());    // while BRK pushes PCH
        assertEquals(7, rig.cpu.step());
        assertEquals(Rig.NMI, rig.s().pc, "BRK's sequence fetched the NMI vector");
        assertEquals(M6502State.FLAG_B, rig.peek(0x01FB) & M6502State.FLAG_B, "pushed P still has B set");
        assertEquals(2, rig.cpu.step(), "the handler's NOP runs: the NMI is not taken a second time");
    }

    @Test
    void brkPushesTheAddressAfterItsSignatureByte() {
        Rig rig = new Rig("6502").poke(Rig.RESET, BRK, 0x77).poke(Rig.IRQ, 0x40);  // handler: RTI
        rig.boot();
        assertEquals(7, rig.cpu.step());
        assertEquals(Rig.IRQ, rig.s().pc);
        assertEquals(Rig.RESET + 2, rig.peek(0x01FC) | rig.peek(0x01FD) << 8);
        assertEquals(6, rig.cpu.step(), "RTI");
        assertEquals(Rig.RESET + 2, rig.s().pc);
    }

    @Test
    void cmosBrkClearsDecimalModeAndNmosKeepsIt() {
        for (String model : List.of("6502", "65c02")) {
            Rig rig = new Rig(model).poke(Rig.RESET, 0xF8, BRK, 0x00);      // SED; BRK
            rig.boot();
            rig.cpu.step();
            rig.cpu.step();
            assertEquals(!model.equals("65c02"), rig.s().d, model);
        }
    }

    @Test
    void jamHaltsUntilReset() {
        Rig rig = new Rig("6502").poke(Rig.RESET, INX, JAM, INX);
        rig.boot();
        rig.cpu.step();
        rig.cpu.step();
        assertTrue(rig.cpu.interpreter().isJammed());
        int x = rig.s().x;
        for (int k = 0; k < 10; k++) {
            assertEquals(1, rig.cpu.step(), "one idle cycle per step");
        }
        assertEquals(Rig.RESET + 1, rig.s().pc);
        assertEquals(x, rig.s().x);
        rig.cpu.line("irq").assertLine();
        rig.cpu.line("nmi").assertLine();
        rig.cpu.step();
        assertTrue(rig.cpu.interpreter().isJammed(), "interrupts do not release JAM");
        rig.cpu.reset();
        assertEquals(7, rig.cpu.step());
        assertFalse(rig.cpu.interpreter().isJammed());
        assertEquals(Rig.RESET, rig.s().pc);
    }

    @Test
    void waiWaitsForAnInterruptAndContinuesWhenIIsSet() {
        Rig rig = new Rig("65c02").poke(Rig.RESET, 0xCB, INX);            // WAI; INX
        rig.boot();
        rig.cpu.step();
        assertTrue(rig.cpu.interpreter().isWaiting());
        for (int k = 0; k < 5; k++) {
            assertEquals(1, rig.cpu.step());
        }
        assertEquals(0, rig.s().x);
        rig.cpu.line("irq").assertLine();
        assertEquals(2, rig.cpu.step(), "I is set: WAI ends and INX runs, no interrupt");
        assertEquals(1, rig.s().x);
        assertFalse(rig.cpu.interpreter().isWaiting());
    }

    @Test
    void resetLineHoldsTheCpuAndReleasingItRestarts() {
        Rig rig = new Rig("6502").poke(Rig.RESET, INX, INX, INX);
        rig.boot();
        rig.cpu.step();
        rig.cpu.line("reset").assertLine();
        for (int k = 0; k < 4; k++) {
            assertEquals(1, rig.cpu.step());
        }
        assertEquals(1, rig.s().x);
        rig.cpu.line("reset").clear();
        assertEquals(7, rig.cpu.step());
        assertEquals(Rig.RESET, rig.s().pc);
    }

    @Test
    void busHookSeesEveryCycleAndMarksOpcodeFetches() {
        Rig rig = new Rig("6502").poke(Rig.RESET, 0xEE, 0x00, 0x10, NOP);  // INC $1000; NOP
        rig.boot();
        rig.bus.clear();
        long cycles = rig.cpu.step() + rig.cpu.step();
        assertEquals(8, cycles, "INC abs 6 + NOP 2");
        assertEquals(cycles, rig.bus.size());
        int[] kinds = rig.bus.stream().mapToInt(c -> c[1]).toArray();
        int r = BusCycleHook.READ, w = BusCycleHook.WRITE, f = BusCycleHook.FETCH;
        // fetch, operand lo, operand hi, read, write old value, write new value; fetch, dummy read
        assertArrayEquals(new int[]{f, r, r, r, w, w, f, r}, kinds);
        assertEquals(1, rig.peek(0x1000));
    }
}
