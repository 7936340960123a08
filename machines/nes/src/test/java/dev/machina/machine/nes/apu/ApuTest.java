package dev.machina.machine.nes.apu;

import dev.machina.core.sched.InterruptLine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Expected values from the NESdev wiki APU pages (length table, frame counter, mixer, pulse, sweep, DMC). */
class ApuTest {
    private InterruptLine irq;
    private Apu apu;
    private final byte[] prg = new byte[0x8000];
    private int lastDmcAddress = -1;

    @BeforeEach
    void setUp() {
        irq = new InterruptLine("irq");
        apu = new Apu(a -> {
            lastDmcAddress = a;
            return prg[a - 0x8000];
        }, irq, 2);
        apu.reset();
    }

    private void ticks(int n) {
        for (int i = 0; i < n; i++) {
            apu.tick();
        }
    }

    @Test
    void lengthTableValuesFromTheWiki() {
        int[][] known = {{0x00, 10}, {0x01, 254}, {0x02, 20}, {0x03, 2}, {0x08, 160}, {0x0F, 14},
            {0x10, 12}, {0x11, 16}, {0x18, 192}, {0x1D, 28}, {0x1E, 32}, {0x1F, 30}};
        for (int[] k : known) {
            setUp();
            apu.writeRegister(0x4015, 0x01);
            apu.writeRegister(0x4003, k[0] << 3);
            // count half frames until the counter empties: the value loaded
            int halves = 0;
            while ((apu.readStatus() & 0x01) != 0) {
                apu.pulse(1).clockHalfFrame();
                halves++;
            }
            assertEquals(k[1], halves, "index " + k[0]);
        }
    }

    @Test
    void lengthCounterLoadsOnlyWhenEnabledAndHaltStopsIt() {
        apu.writeRegister(0x4003, 0x08);         // disabled: no load
        assertEquals(0, apu.readStatus() & 0x01);
        apu.writeRegister(0x4015, 0x01);
        apu.writeRegister(0x4000, 0x20);         // halt
        apu.writeRegister(0x4003, 0x18);         // index 3: 2
        ticks(2 * 29830);
        assertEquals(0x01, apu.readStatus() & 0x01, "halted counter keeps its value");
        apu.writeRegister(0x4015, 0x00);
        assertEquals(0, apu.readStatus() & 0x01, "disabling clears it");
    }

    @Test
    void lengthCounterClockedByHalfFramesIn4StepMode() {
        apu.writeRegister(0x4015, 0x01);
        apu.writeRegister(0x4003, 0x18);         // index 3: 2 half frames
        // half frames at CPU cycles 14913 and 29829 of the sequence
        ticks(14912);
        assertEquals(0x01, apu.readStatus() & 0x01);
        ticks(29829 - 14912);
        assertEquals(0, apu.readStatus() & 0x01);
        apu.writeRegister(0x4003, 0x18);
        ticks(14913);                            // to cycle 14912 of the next sequence (it starts at cycle 29830)
        assertEquals(0x01, apu.readStatus() & 0x01);
    }

    private int ticksUntilIrq(int limit) {
        int n = 0;
        while (!irq.isAsserted()) {
            apu.tick();
            if (++n > limit) {
                fail("no IRQ within " + limit + " cycles");
            }
        }
        return n;
    }

    @Test
    void frameIrqTimingIn4StepModeAfterEvenWrite() {
        // Write in cycle W (even): the sequence restarts in cycle W+3, the flag is set 29828 cycles
        // later, in cycle W+29831: the 29832nd cycle counting W.
        apu.writeRegister(0x4017, 0x00);
        assertEquals(29832, ticksUntilIrq(40000));
        assertTrue(irq.isAssertedBy(2));
        assertEquals(0x40, apu.readStatus() & 0x40);
        // The flag is set again on the next two cycles (29829, 29830 of the sequence) ...
        apu.tick();
        assertTrue(irq.isAsserted());
        apu.readStatus();
        apu.tick();
        assertTrue(irq.isAsserted());
        apu.readStatus();
        assertFalse(irq.isAsserted(), "reading $4015 clears the frame interrupt");
        // ... and then once per 29830-cycle sequence.
        assertEquals(29830 - 2, ticksUntilIrq(40000));
    }

    @Test
    void frameIrqTimingAfterOddWriteIsOneLater() {
        apu.tick();
        apu.writeRegister(0x4017, 0x00);
        assertEquals(29833, ticksUntilIrq(40000));
    }

    @Test
    void fiveStepModeNeverInterrupts() {
        apu.writeRegister(0x4017, 0x80);
        ticks(3 * 37282);
        assertFalse(irq.isAsserted());
    }

    @Test
    void inhibitPreventsAndClearsTheFlag() {
        apu.writeRegister(0x4017, 0x40);
        ticks(3 * 29830);
        assertFalse(irq.isAsserted());
        apu.writeRegister(0x4017, 0x00);
        ticks(29840);
        assertTrue(irq.isAsserted());
        apu.writeRegister(0x4017, 0x40);
        assertFalse(irq.isAsserted(), "setting inhibit clears the flag");
    }

    @Test
    void fiveStepWriteClocksHalfFrameImmediately() {
        apu.writeRegister(0x4015, 0x01);
        apu.writeRegister(0x4003, 0x18);         // 2
        apu.writeRegister(0x4017, 0x80);
        ticks(4);                                // the write takes effect: half frame
        apu.writeRegister(0x4017, 0x80);
        ticks(4);                                // and again
        assertEquals(0, apu.readStatus() & 0x01);
    }

    @Test
    void mixerValuesFromTheFormulas() {
        assertEquals(0.0, Mixer.mix(0, 0, 0, 0, 0));
        assertEquals(95.88 / (8128.0 + 100), Mixer.mix(1, 0, 0, 0, 0), 1e-12);
        assertEquals(0.258483, Mixer.mix(15, 15, 0, 0, 0), 1e-6);
        assertEquals(0.741516, Mixer.mix(0, 0, 15, 15, 127), 1e-6);
        assertEquals(1.0, Mixer.mix(15, 15, 15, 15, 127), 1e-5, "full scale is 1.0");
        assertEquals(0.574264, Mixer.mix(0, 0, 0, 0, 127), 1e-6);
        // non-linear: two pulses at 15 are less than twice one pulse at 15
        assertTrue(Mixer.mix(15, 15, 0, 0, 0) < 2 * Mixer.mix(15, 0, 0, 0, 0));
    }

    @Test
    void sweepAddsAndNegatesWithOnesComplementOnPulse1() {
        PulseChannel p1 = apu.pulse(1);
        apu.writeRegister(0x4002, 0x00);
        apu.writeRegister(0x4003, 0x01);         // period $100
        apu.writeRegister(0x4001, 0x89);         // enabled, divider period 0, negate, shift 1
        p1.clockHalfFrame();
        assertEquals(0x100 - 0x80 - 1, p1.period(), "pulse 1: one's complement");
        PulseChannel p2 = apu.pulse(2);
        apu.writeRegister(0x4006, 0x00);
        apu.writeRegister(0x4007, 0x01);
        apu.writeRegister(0x4005, 0x89);
        p2.clockHalfFrame();
        assertEquals(0x100 - 0x80, p2.period(), "pulse 2: two's complement");
        apu.writeRegister(0x4006, 0x00);
        apu.writeRegister(0x4007, 0x04);         // period $400
        apu.writeRegister(0x4005, 0x81);         // add, shift 1
        p2.clockHalfFrame();
        assertEquals(0x600, p2.period());
    }

    @Test
    void sweepTargetAboveMaxMutesEvenWhenDisabled() {
        apu.writeRegister(0x4015, 0x02);
        apu.writeRegister(0x4004, 0xBF);         // duty 2, constant volume 15
        apu.writeRegister(0x4006, 0xFF);
        apu.writeRegister(0x4007, 0x07 | 0x08);  // period $7FF
        apu.writeRegister(0x4005, 0x00);         // sweep disabled, shift 0: target = 2*period > $7FF
        int loud = 0;
        for (int i = 0; i < 40000; i++) {
            apu.tick();
            loud |= apu.pulse(2).output();
        }
        assertEquals(0, loud);
        apu.writeRegister(0x4005, 0x08);         // negate: target below the period, not muted
        for (int i = 0; i < 40000; i++) {
            apu.tick();
            loud |= apu.pulse(2).output();
        }
        assertEquals(15, loud);
    }

    @Test
    void envelopeDecaysFrom15AndLoops() {
        Envelope e = new Envelope();
        e.write(0x20 | 0x00);                    // loop, decay, period 0
        e.restart();
        e.clock();
        assertEquals(15, e.output());
        for (int i = 0; i < 15; i++) {
            e.clock();
        }
        assertEquals(0, e.output());
        e.clock();
        assertEquals(15, e.output(), "loop reloads 15");
        e.write(0x10 | 0x07);
        assertEquals(7, e.output(), "constant volume");
    }

    @Test
    void triangleLinearCounterGatesTheSequencer() {
        apu.writeRegister(0x4015, 0x04);
        apu.writeRegister(0x4008, 0x05);         // linear reload 5, control clear
        apu.writeRegister(0x400A, 0x10);
        apu.writeRegister(0x400B, 0x08);
        TriangleChannel t = apu.triangle();
        t.clockQuarterFrame();
        assertEquals(5, t.linearCounter());
        for (int i = 0; i < 5; i++) {
            t.clockQuarterFrame();
        }
        assertEquals(0, t.linearCounter());
        int before = t.output();
        ticks(1000);
        assertEquals(before, t.output(), "sequencer holds while the linear counter is 0");
    }

    @Test
    void dmcReadsFromItsAddressMovesTheLevelAndInterrupts() {
        prg[0x4000 + 0x40] = (byte) 0xFF;        // $C040: all ones
        apu.writeRegister(0x4011, 0x40);         // level 64
        apu.writeRegister(0x4012, 0x01);         // $C000 + 1*64
        apu.writeRegister(0x4013, 0x00);         // 1 byte
        apu.writeRegister(0x4010, 0x8F);         // IRQ on, rate 15 (54 cycles)
        apu.writeRegister(0x4015, 0x10);
        assertEquals(0xC040, lastDmcAddress);
        assertTrue(irq.isAsserted(), "the last byte was fetched: DMC interrupt");
        assertEquals(0x80, apu.readStatus() & 0x80);
        assertEquals(0x80, apu.readStatus() & 0x80, "reading $4015 does not clear the DMC flag");
        // The output unit finishes its current (silent) 8-bit cycle, then plays the byte: eight
        // 1 bits at 54 cycles each raise the level by 2 each: 64 -> 80, then silence holds it.
        ticks(2000);
        assertEquals(64 + 8 * 2, apu.dmc().output());
        apu.writeRegister(0x4015, 0x00);
        assertFalse(irq.isAsserted(), "writing $4015 clears the DMC interrupt");
    }

    @Test
    void pulseToneFrequencyMeasuredFromTheResampledOutput() {
        // Pulse 2 at period 253: 1789773 / (16 * 254) = 440.4 Hz.
        apu.writeRegister(0x4015, 0x02);
        apu.writeRegister(0x4004, 0xBF);         // 50% duty, constant volume 15, halt
        apu.writeRegister(0x4006, 253);
        apu.writeRegister(0x4007, 0x00);
        int cycles = (int) Apu.NTSC_CPU_HZ;      // one second
        short[] out = new short[60000];
        int n = 0;
        for (int i = 0; i < cycles; i++) {
            apu.tick();
            if (apu.samplesAvailable() > 1000) {
                n += apu.readSamples(out, n, apu.samplesAvailable());
            }
        }
        n += apu.readSamples(out, n, out.length - n);
        assertEquals(48000, n, 20, "one second at 48 kHz");
        int peak = 0;
        for (int i = n - 38400; i < n; i++) {
            peak = Math.max(peak, Math.abs(out[i]));
        }
        assertTrue(peak > 3000 && peak < 32767, "audible and not clipped: peak " + peak);
        // Count rising edges over the last 0.8 s (after the filters settle) with hysteresis: the
        // 90/440 Hz high-pass stages make each edge a decaying spike, so plain zero crossings
        // would also count ringing.
        int threshold = peak / 3;
        int first = -1;
        int last = -1;
        int crossings = 0;
        boolean low = false;
        for (int i = n - 38400; i < n; i++) {
            if (out[i] < -threshold) {
                low = true;
            } else if (low && out[i] > threshold) {
                low = false;
                if (first < 0) {
                    first = i;
                } else {
                    crossings++;
                }
                last = i;
            }
        }
        double hz = crossings * 48000.0 / (last - first);
        assertEquals(440.4, hz, 1.0);
    }
}
