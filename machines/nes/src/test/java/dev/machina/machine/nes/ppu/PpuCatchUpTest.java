package dev.machina.machine.nes.ppu;

import dev.machina.core.media.MediaException;
import dev.machina.core.sched.InterruptLine;
import dev.machina.core.state.StateWriter;
import dev.machina.machine.nes.Region;
import dev.machina.machine.nes.cart.Roms;
import dev.machina.machine.nes.mapper.Mapper;
import dev.machina.machine.nes.mapper.Mappers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Catch-up ({@link Ppu#owe}) against the reference, {@link Ppu#tick()} per dot: two PPUs with the
 * same cartridge contents get the same CPU register traffic (random, seeded: scroll and address
 * writes, rendering and NMI switched on and off mid-frame, OAM and palette writes, $2002,
 * $2004 and $2007 reads) at the same CPU cycles, one ticked 3 dots per cycle, the other owing
 * them. Every register read, the NMI level after every cycle, every frame buffer and the final
 * save state must be the same.
 */
class PpuCatchUpTest {
    private static final int CYCLES = 4 * 29781;

    @ParameterizedTest
    @EnumSource(Region.class)
    void catchUpMatchesTickingEveryDot(Region region) throws MediaException {
        Side ref = new Side(region);
        Side lazy = new Side(region);
        for (Side s : new Side[]{ref, lazy}) {
            s.fill(new Random(7));
        }
        Random r = new Random(42);
        int num = region.dotsPerCpuCycleNumerator();
        int den = region.dotsPerCpuCycleDenominator();
        int remainder = 0;
        long lastFrame = 0;
        int frames = 0;
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            if (r.nextInt(160) == 0) {
                int op = r.nextInt(12);
                int value = r.nextInt(256);
                int a = ref.op(op, value);
                int b = lazy.op(op, value);
                assertEquals(a, b, "op " + op + " at cycle " + cycle);
            }
            remainder += num;
            int dots = remainder / den;
            remainder %= den;
            for (int i = 0; i < dots; i++) {
                ref.ppu.tick();
            }
            lazy.ppu.owe(dots);
            assertEquals(ref.nmi.isAsserted(), lazy.nmi.isAsserted(), "NMI level after cycle " + cycle);
            assertEquals(ref.ppu.frameCount(), lazy.ppu.frameCount(), "frame count after cycle " + cycle);
            if (ref.ppu.frameCount() != lastFrame) {
                lastFrame = ref.ppu.frameCount();
                frames++;
                assertArrayEquals(ref.ppu.frameBuffer(), lazy.ppu.frameBuffer(), "frame " + lastFrame);
            }
        }
        assertTrue(frames >= 3, "frames " + frames);
        assertArrayEquals(ref.state(), lazy.state());
    }

    /** One PPU with its own CHR-RAM board and NMI line. */
    private static final class Side {
        final Mapper cart;
        final InterruptLine nmi = new InterruptLine("nmi");
        final Ppu ppu;

        Side(Region region) throws MediaException {
            cart = Mappers.create(Roms.cart(0, 1, 0, 1)); // NROM, CHR-RAM, vertical mirroring
            ppu = new Ppu(cart, nmi, region);
            ppu.reset();
        }

        /** Random tiles, nametables, attributes, palette and OAM (8+ sprites on some lines), rendering on. */
        void fill(Random r) {
            address(0x0000);
            for (int i = 0; i < 0x2000; i++) {
                ppu.writeRegister(7, r.nextInt(4) == 0 ? 0 : r.nextInt(256));
            }
            address(0x2000);
            for (int i = 0; i < 0x800; i++) {
                ppu.writeRegister(7, r.nextInt(256));
            }
            address(0x3F00);
            for (int i = 0; i < 32; i++) {
                ppu.writeRegister(7, r.nextInt(64));
            }
            ppu.writeRegister(3, 0);
            for (int i = 0; i < 64; i++) {
                ppu.writeRegister(4, i < 20 ? 30 + i % 10 : r.nextInt(240)); // Y: up to 20 sprites on lines 30-47
                ppu.writeRegister(4, r.nextInt(256));
                ppu.writeRegister(4, r.nextInt(256));
                ppu.writeRegister(4, r.nextInt(256));
            }
            ppu.writeRegister(0, 0x80);
            ppu.writeRegister(1, 0x1E);
        }

        private void address(int a) {
            ppu.readRegister(2);
            ppu.writeRegister(6, a >> 8);
            ppu.writeRegister(6, a & 0xFF);
        }

        int op(int op, int value) {
            switch (op) {
                case 0, 1 -> {
                    return ppu.readRegister(2);
                }
                case 2 -> ppu.writeRegister(5, value);
                case 3 -> ppu.writeRegister(1, (value & 3) == 0 ? value & 0xE7 : (value & 0xE1) | 0x1E);
                case 4 -> ppu.writeRegister(0, value);
                case 5 -> ppu.writeRegister(6, value);
                case 6 -> ppu.writeRegister(7, value);
                case 7 -> {
                    return ppu.readRegister(7);
                }
                case 8 -> ppu.writeRegister(3, value);
                case 9 -> ppu.writeRegister(4, value);
                case 10 -> {
                    return ppu.readRegister(4);
                }
                default -> ppu.oamDmaWrite(value);
            }
            return -1;
        }

        byte[] state() {
            StateWriter w = new StateWriter();
            ppu.saveState(w);
            return w.toByteArray();
        }
    }
}
