package dev.machina.machine.nes;

import dev.machina.core.sched.InterruptLine;
import dev.machina.machine.nes.apu.Apu;
import dev.machina.machine.nes.cart.Roms;
import dev.machina.machine.nes.mapper.Mappers;
import dev.machina.machine.nes.ppu.Ppu;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** PAL (2C07/2A07) timing from the NESdev wiki "Cycle reference chart" and "APU Frame Counter". */
class PalTimingTest {

    @Test
    void palFramesAre312LinesWithoutASkippedDotAndVblankLasts70Lines() throws Exception {
        Ppu ppu = new Ppu(Mappers.create(Roms.cart(0, 1, 1, 0)), new InterruptLine("nmi"), Region.PAL);
        ppu.reset();
        ppu.writeRegister(1, 0x18);
        for (int f = 0; f < 3; f++) {
            long start = ppu.frameCount();
            long n = 0;
            while (ppu.frameCount() == start) {
                ppu.tick();
                n++;
            }
            assertEquals(312 * 341, n, "frame " + f);
        }
        while (!(ppu.scanline() == 241 && ppu.dot() == 2)) {
            ppu.tick();
        }
        long dots = 0;
        while (!(ppu.scanline() == 311 && ppu.dot() == 2)) {
            ppu.tick();
            dots++;
        }
        assertEquals(70 * 341, dots);
        assertEquals(0, ppu.readRegister(2) & 0x80, "cleared on the PAL pre-render line");
    }

    @Test
    void palFrameIrqComes33252CyclesAfterTheReset() {
        InterruptLine irq = new InterruptLine("irq");
        Apu apu = new Apu(a -> 0, irq, 0, Region.PAL);
        apu.reset();
        apu.writeRegister(0x4017, 0x00); // even cycle: reset 3 cycles later
        int n = 0;
        while (!irq.isAsserted()) {
            apu.tick();
            n++;
        }
        assertEquals(3 + 33252 + 1, n);
    }

    @Test
    void palClockIsMasterOver16() {
        assertEquals(1_662_607, Region.PAL.cpuHz(), 1);
        assertEquals(1_789_773, Region.NTSC.cpuHz(), 1);
        assertEquals(16.0 / 5, (double) Region.PAL.dotsPerCpuCycleNumerator() / Region.PAL.dotsPerCpuCycleDenominator());
    }
}
