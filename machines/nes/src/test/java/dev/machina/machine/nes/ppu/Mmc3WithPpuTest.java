package dev.machina.machine.nes.ppu;

import dev.machina.core.media.MediaException;
import dev.machina.core.sched.InterruptLine;
import dev.machina.machine.nes.cart.Roms;
import dev.machina.machine.nes.mapper.Mapper;
import dev.machina.machine.nes.mapper.Mappers;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * MMC3's counter clocked by the real PPU fetch pattern: with the background at $0000 and
 * sprites at $1000, A12 rises once per rendering line at the first sprite pattern fetch
 * (NESdev wiki "MMC3": "PPU cycle 260" of each visible and the pre-render line).
 */
class Mmc3WithPpuTest {

    @Test
    void oneClockPerScanlineAndIrqOnTheLatchedLine() throws MediaException {
        Mapper mmc3 = Mappers.create(Roms.cart(4, 2, 1, 0));
        InterruptLine irq = new InterruptLine("irq");
        mmc3.setIrqOutput(irq, 0);
        Ppu ppu = new Ppu(mmc3, new InterruptLine("nmi"));
        ppu.reset();
        ppu.writeRegister(0, 0x08);  // BG $0000, sprites $1000
        ppu.writeRegister(1, 0x18);
        // run to the VBlank of frame 0 with rendering on, then arm the counter
        int phase = 0;
        while (ppu.scanline() != 245) {
            ppu.tick();
            if (++phase == 3) {
                phase = 0;
                mmc3.cpuClock();
            }
        }
        mmc3.cpuWrite(0xC000, 10);
        mmc3.cpuWrite(0xC001, 0);
        mmc3.cpuWrite(0xE001, 0);
        // The pre-render line reloads 10, lines 0..9 count it down to 0: IRQ on line 9.
        while (!irq.isAsserted()) {
            ppu.tick();
            if (++phase == 3) {
                phase = 0;
                mmc3.cpuClock();
            }
            assertTrue(ppu.frameCount() < 3, "no IRQ");
        }
        int dotRun = ppu.dot() - 1;
        assertEquals(9, ppu.scanline());
        assertTrue(dotRun >= 260 && dotRun <= 262, "A12 rises at the first sprite pattern fetch, dot " + dotRun);
    }
}
