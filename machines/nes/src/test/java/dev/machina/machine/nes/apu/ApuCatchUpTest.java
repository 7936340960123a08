package dev.machina.machine.nes.apu;

import dev.machina.core.sched.InterruptLine;
import dev.machina.core.state.StateWriter;
import dev.machina.machine.nes.Region;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Catch-up ({@link Apu#owe}) against the reference, {@link Apu#tick()} per CPU cycle: two APUs
 * get the same register writes and $4015 reads (random, seeded, with every channel often enabled
 * and audible: constant and decaying volumes, sweeps, short-mode noise, looping and one-shot DMC
 * samples with IRQ, both frame counter modes) at the same cycles. The $4015 values, the IRQ
 * level and the DMC fetch count after every cycle, the output samples and the final save state
 * must be the same.
 */
class ApuCatchUpTest {
    private static final int CYCLES = 12 * 29830;

    @ParameterizedTest
    @EnumSource(Region.class)
    void catchUpMatchesTickingEveryCycle(Region region) {
        Side ref = new Side(region);
        Side lazy = new Side(region);
        Random r = new Random(5);
        short[] a = new short[2048];
        short[] b = new short[2048];
        long samples = 0;
        long nonZero = 0;
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            if (r.nextInt(400) == 0) {
                int register = REGISTERS[r.nextInt(REGISTERS.length)];
                int value = r.nextInt(256);
                if (register == 0x4015) {
                    value |= r.nextInt(4) == 0 ? 0 : 0x1F;
                } else if (register == 0x4017) {
                    value &= r.nextBoolean() ? 0x80 : 0xC0;
                }
                ref.apu.writeRegister(register, value);
                lazy.apu.writeRegister(register, value);
            }
            if (r.nextInt(3000) == 0) {
                assertEquals(ref.apu.readStatus(), lazy.apu.readStatus(), "$4015 at cycle " + cycle);
            }
            ref.apu.tick();
            lazy.apu.owe(1);
            assertEquals(ref.irq.isAsserted(), lazy.irq.isAsserted(), "IRQ level after cycle " + cycle);
            assertEquals(ref.fetches, lazy.fetches, "DMC fetches after cycle " + cycle);
            if (cycle % 10_000 == 9_999) {
                int n = ref.apu.readSamples(a, 0, a.length);
                assertEquals(n, lazy.apu.readSamples(b, 0, b.length));
                assertArrayEquals(a, b, "samples up to cycle " + cycle);
                samples += n;
                for (int i = 0; i < n; i++) {
                    nonZero += a[i] != 0 ? 1 : 0;
                }
            }
        }
        assertTrue(samples > 9_000 && nonZero > samples / 2, samples + " samples, " + nonZero + " not 0");
        assertTrue(ref.fetches > 100, "DMC fetches " + ref.fetches);
        assertArrayEquals(ref.state(), lazy.state());
    }

    private static final int[] REGISTERS = {
        0x4000, 0x4001, 0x4002, 0x4003, 0x4004, 0x4005, 0x4006, 0x4007, 0x4008, 0x400A, 0x400B,
        0x400C, 0x400E, 0x400F, 0x4010, 0x4011, 0x4012, 0x4013, 0x4015, 0x4015, 0x4017,
    };

    /** One APU with its own IRQ line and sample memory (bytes that vary). */
    private static final class Side {
        final InterruptLine irq = new InterruptLine("irq");
        final Apu apu;
        int fetches;

        Side(Region region) {
            apu = new Apu(address -> {
                fetches++;
                return (address * 73) ^ (address >> 5);
            }, irq, 1, region);
            apu.reset();
        }

        byte[] state() {
            StateWriter w = new StateWriter();
            apu.saveState(w);
            return w.toByteArray();
        }
    }
}
