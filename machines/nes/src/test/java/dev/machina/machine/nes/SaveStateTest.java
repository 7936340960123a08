package dev.machina.machine.nes;

import dev.machina.core.sched.InterruptLine;
import dev.machina.core.state.SaveState;
import dev.machina.core.state.StateException;
import dev.machina.machine.nes.apu.Apu;
import dev.machina.machine.nes.cart.Cartridge;
import dev.machina.machine.nes.cart.INesParser;
import dev.machina.machine.nes.input.ControllerPorts;
import dev.machina.machine.nes.mapper.Mapper;
import dev.machina.machine.nes.mapper.Mappers;
import dev.machina.machine.nes.ppu.Ppu;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A state saved mid-frame and loaded into freshly built devices continues exactly as the
 * original: same frame buffers, same audio, same MMC3 IRQ activity (DESIGN.md, save states).
 */
class SaveStateTest {

    /** PPU + APU + MMC3 board stepped 3:1 as the machine will, with register activity from a fixed script. */
    private static final class Rig {
        final Mapper mapper;
        final InterruptLine irq = new InterruptLine("irq");
        final Ppu ppu;
        final Apu apu;
        final ControllerPorts ports = new ControllerPorts();
        final MessageDigest digest;
        int irqCycles;
        long cycle;

        Rig(Cartridge cart) throws Exception {
            mapper = Mappers.create(cart);
            mapper.setIrqOutput(irq, 2);
            ppu = new Ppu(mapper, new InterruptLine("nmi"));
            apu = new Apu(mapper::cpuRead, irq, 1);
            ppu.reset();
            apu.reset();
            digest = MessageDigest.getInstance("SHA-256");
        }

        List<dev.machina.core.state.Stateful> devices() {
            return List.of(ppu, apu, mapper, ports);
        }

        void setUp() {
            mapper.cpuWrite(0x8000, 0x80);
            mapper.cpuWrite(0xC000, 20);
            mapper.cpuWrite(0xC001, 0);
            mapper.cpuWrite(0xE001, 0);
            ppu.writeRegister(0, 0x88);
            ppu.writeRegister(1, 0x1E);
            for (int i = 0; i < 256; i++) {
                ppu.oamDmaWrite((i * 37) & 0xFF);
            }
            int[][] w = {{0x4015, 0x0F}, {0x4000, 0x84}, {0x4002, 0x52}, {0x4003, 0x09}, {0x4008, 0x30},
                {0x400A, 0x56}, {0x400B, 0x0B}, {0x400C, 0x05}, {0x400E, 0x03}, {0x400F, 0x08}, {0x4017, 0x00}};
            for (int[] x : w) {
                apu.writeRegister(x[0], x[1]);
            }
        }

        void run(int frames) {
            short[] buf = new short[2048];
            for (int f = 0; f < frames; f++) {
                long start = ppu.frameCount();
                while (ppu.frameCount() == start) {
                    ppu.tick();
                    ppu.tick();
                    ppu.tick();
                    apu.tick();
                    mapper.cpuClock();
                    if (irq.isAssertedBy(2)) {
                        irqCycles++;
                        mapper.cpuWrite(0xE000, 0); // acknowledge, as a handler would
                        mapper.cpuWrite(0xE001, 0);
                        ppu.writeRegister(5, (int) (cycle & 0xFF)); // mid-frame scroll change
                    }
                    if (++cycle % 7919 == 0) {
                        apu.writeRegister(0x4002, (int) (cycle >> 5) & 0xFF); // melody
                        apu.writeRegister(0x4003, 0x09);
                        apu.readStatus();
                    }
                }
                int[] fb = ppu.frameBuffer();
                for (int v : fb) {
                    digest.update((byte) v);
                    digest.update((byte) (v >> 8));
                    digest.update((byte) (v >> 16));
                }
                int n;
                while ((n = apu.readSamples(buf, 0, buf.length)) > 0) {
                    for (int i = 0; i < n; i++) {
                        digest.update((byte) buf[i]);
                        digest.update((byte) (buf[i] >> 8));
                    }
                }
            }
        }

        String hash() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    private static Cartridge demoWithMmc3Header() throws Exception {
        byte[] image;
        try (InputStream in = SaveStateTest.class.getResourceAsStream("/dev/machina/machine/nes/demo/demo.nes")) {
            image = in.readAllBytes();
        }
        image[6] = 0x40; // mapper 4 (MMC3), same PRG/CHR
        return INesParser.parse("demo-mmc3.nes", image);
    }

    @Test
    void loadedStateContinuesIdentically() throws Exception {
        Cartridge cart = demoWithMmc3Header();
        Rig original = new Rig(cart);
        original.setUp();
        original.run(5);
        // stop mid-frame
        for (int i = 0; i < 12345; i++) {
            original.ppu.tick();
        }
        byte[] state = new SaveState("nes", 1, original.devices()).save();
        long cycleAtSave = original.cycle;
        int irqAtSave = original.irqCycles;
        original.digest.reset();
        original.run(4);
        String expected = original.hash();
        int irqs = original.irqCycles - irqAtSave;
        assertTrue(irqs > 0, "the MMC3 counter fired during the compared frames");

        Rig copy = new Rig(cart);
        new SaveState("nes", 1, copy.devices()).load(state, "test");
        copy.cycle = cycleAtSave;
        copy.run(4);
        assertEquals(expected, copy.hash());
        assertEquals(irqs, copy.irqCycles);
        assertArrayEquals(original.ppu.frameBuffer(), copy.ppu.frameBuffer());
        assertEquals(original.ppu.scanline(), copy.ppu.scanline());
        assertEquals(original.ppu.dot(), copy.ppu.dot());
    }

    @Test
    void stateOfAnotherMapperIsRefused() throws Exception {
        Rig mmc3 = new Rig(demoWithMmc3Header());
        byte[] state = new SaveState("nes", 1, mmc3.devices()).save();
        byte[] image;
        try (InputStream in = SaveStateTest.class.getResourceAsStream("/dev/machina/machine/nes/demo/demo.nes")) {
            image = in.readAllBytes();
        }
        Rig nrom = new Rig(INesParser.parse("demo.nes", image));
        StateException e = assertThrows(StateException.class,
                () -> new SaveState("nes", 1, nrom.devices()).load(state, "test"));
        assertTrue(e.getMessage().contains("mapper 4") && e.getMessage().contains("mapper 0"), e.getMessage());
    }
}
