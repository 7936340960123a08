package dev.machina.core.audio;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class BandLimitedResamplerTest {

    @Test
    void producesTheOutputRateAndSettlesOnAStep() {
        BandLimitedResampler r = new BandLimitedResampler(1_000_000, 48_000, 100_000);
        r.level(500_000, 1f);
        r.advance(1_000_000);
        // one second in: 48000 samples minus the kernel's latency
        assertEquals(48000 - BandLimitedResampler.HALF_WIDTH - 1, r.available(), 1);
        float[] out = new float[r.available()];
        r.read(out, 0, out.length);
        assertEquals(0f, out[1000], 1e-6);
        assertEquals(1f, out[out.length - 1], 1e-4, "a step settles on the new level");
        float max = 0;
        for (float v : out) {
            max = Math.max(max, v);
        }
        assertTrue(max < 1.12f, "Gibbs overshoot of a band-limited step stays near 9%: " + max);
        assertTrue(max > 1.0f, "a band-limited step overshoots");
    }

    @Test
    void suppressesToneAboveNyquist() {
        // A 30 kHz square wave cannot be represented at 48 kHz: only its DC (0.5) and
        // attenuated alias leakage may remain.
        double in = 1_920_000;
        BandLimitedResampler r = new BandLimitedResampler(in, 48_000, 100_000);
        int period = (int) (in / 30_000);
        for (int i = 0; i < (int) in; i++) {
            r.level(i, (i % period) < period / 2 ? 1f : 0f);
        }
        r.advance((long) in);
        float[] out = new float[r.available()];
        r.read(out, 0, out.length);
        double dev = 0;
        for (int i = 100; i < out.length; i++) {
            dev = Math.max(dev, Math.abs(out[i] - 0.5));
        }
        assertTrue(dev < 0.1, "residual of a 30 kHz tone: " + dev);
    }

    @Test
    void stepsPerInputClockEqualOneStepAtItsTime() {
        // the same signal given once per clock or only at its changes gives the same samples
        BandLimitedResampler a = new BandLimitedResampler(1_789_773, 48_000, 10_000);
        BandLimitedResampler b = new BandLimitedResampler(1_789_773, 48_000, 10_000);
        for (int i = 0; i < 100_000; i++) {
            a.level(i, (i / 4068) % 2 == 0 ? 0.25f : 0.75f);
        }
        a.advance(100_000);
        for (int i = 0; i < 100_000; i += 4068) {
            b.level(i, (i / 4068) % 2 == 0 ? 0.25f : 0.75f);
        }
        b.advance(100_000);
        float[] x = new float[a.available()];
        float[] y = new float[b.available()];
        assertEquals(x.length, y.length);
        a.read(x, 0, x.length);
        b.read(y, 0, y.length);
        assertArrayEquals(x, y);
    }

    @Test
    void rejectsBadRates() {
        assertThrows(IllegalArgumentException.class, () -> new BandLimitedResampler(48_000, 48_000, 10));
    }
}
