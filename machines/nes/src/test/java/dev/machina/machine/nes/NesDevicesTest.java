package dev.machina.machine.nes;

import dev.machina.core.sched.InterruptLine;
import dev.machina.machine.nes.cart.Roms;
import dev.machina.machine.nes.mapper.Mappers;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The devices stepped per CPU cycle, driven through the CPU address space as a CPU would. */
class NesDevicesTest {

    private static NesDevices devices(Region region, InterruptLine nmi, InterruptLine irq) throws Exception {
        NesDevices d = new NesDevices(Mappers.create(Roms.cart(0, 2, 1, 0)), nmi, irq, region);
        d.powerOn();
        return d;
    }

    @Test
    void firstNmiOnTheCpuCycleThatRunsDot241_1() throws Exception {
        InterruptLine nmi = new InterruptLine("nmi");
        NesDevices d = devices(Region.NTSC, nmi, new InterruptLine("irq"));
        d.cpuSpace().write8(0x2000, 0x80);
        // dot (241, 1) is the 82,183rd dot; at 3 dots per cycle that is in CPU cycle 27,395
        for (int i = 0; i < 27394; i++) {
            d.cycle();
        }
        assertFalse(nmi.isAsserted());
        d.cycle();
        assertTrue(nmi.isAsserted());
        assertEquals(0x80, d.cpuSpace().read8(0x2002) & 0x80);
        assertFalse(nmi.isAsserted());
    }

    @Test
    void palRunsSixteenDotsPerFiveCycles() throws Exception {
        NesDevices d = devices(Region.PAL, new InterruptLine("nmi"), new InterruptLine("irq"));
        for (int i = 0; i < 5 * 1000; i++) {
            d.cycle();
        }
        int dots = d.ppu().scanline() * 341 + d.ppu().dot();
        assertEquals(16 * 1000, dots);
    }

    @Test
    void oamDmaCopiesAPageOfRamThroughTheCpuSpace() throws Exception {
        NesDevices d = devices(Region.NTSC, new InterruptLine("nmi"), new InterruptLine("irq"));
        for (int i = 0; i < 256; i++) {
            d.cpuSpace().write8(0x0200 + i, i ^ 0x5A);
        }
        d.cpuSpace().write8(0x4014, 0x02);
        assertTrue(d.oamDmaPending());
        int n = d.runOamDma();
        assertTrue(n == 513 || n == 514, "cycles " + n);
        assertFalse(d.oamDmaPending());
        assertEquals(n, d.cycles());
        for (int i = 0; i < 256; i++) {
            assertEquals((byte) (i ^ 0x5A), d.ppu().oam()[i]);
        }
    }

    @Test
    void dmcFetchesAreCountedForTheCpuStall() throws Exception {
        NesDevices d = devices(Region.NTSC, new InterruptLine("nmi"), new InterruptLine("irq"));
        d.cpuSpace().write8(0x4012, 0x00);
        d.cpuSpace().write8(0x4013, 0x01); // 17 bytes
        d.cpuSpace().write8(0x4010, 0x0F);
        d.cpuSpace().write8(0x4015, 0x10);
        for (int i = 0; i < 17 * 8 * 54 + 2000; i++) {
            d.cycle();
        }
        assertEquals(17, d.takeDmcFetches());
        assertEquals(0, d.takeDmcFetches());
    }

    @Test
    void frameIrqReachesTheCpuLine() throws Exception {
        InterruptLine irq = new InterruptLine("irq");
        NesDevices d = devices(Region.NTSC, new InterruptLine("nmi"), irq);
        for (int i = 0; i < 29830; i++) {
            d.cycle();
        }
        assertTrue(irq.isAssertedBy(1), "the APU frame interrupt after power-on");
        d.cpuSpace().read8(0x4015);
        assertFalse(irq.isAsserted());
    }
}
