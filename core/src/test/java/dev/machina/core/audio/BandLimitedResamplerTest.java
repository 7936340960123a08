package dev.machina.core.audio;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class BandLimitedResamplerTest {

    @Test
    void producesTheOutputRateAndSettlesOnAStep() {
        BandLimitedResampler r = new BandLimitedResampler(1_000_000, 48_000, 100_000);
        for (int i = 0; i < 1_000_000; i++) {
            r.clock(i < 500_000 ? 0f : 1f);
        }
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
            r.clock((i % period) < period / 2 ? 1f : 0f);
        }
        float[] out = new float[r.available()];
        r.read(out, 0, out.length);
        double dev = 0;
        for (int i = 100; i < out.length; i++) {
            dev = Math.max(dev, Math.abs(out[i] - 0.5));
        }
        assertTrue(dev < 0.1, "residual of a 30 kHz tone: " + dev);
    }

    @Test
    void rejectsBadRates() {
        assertThrows(IllegalArgumentException.class, () -> new BandLimitedResampler(48_000, 48_000, 10));
    }
}
