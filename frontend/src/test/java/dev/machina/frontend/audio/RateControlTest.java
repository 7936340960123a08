package dev.machina.frontend.audio;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Dynamic rate control on core's band-limited resampler. */
class RateControlTest {
    @Test
    void ratioFollowsTheQueueWithinTheLimit() {
        assertEquals(1.0, RateControl.ratio(3072, 3072, 0.005), 1e-12);
        assertEquals(1.0025, RateControl.ratio(1536, 3072, 0.005), 1e-12);  // half full: stretch
        assertEquals(0.9975, RateControl.ratio(4608, 3072, 0.005), 1e-12);  // 1.5x: squeeze
        assertEquals(1.005, RateControl.ratio(0, 3072, 0.005), 1e-12);
        assertEquals(0.995, RateControl.ratio(100_000, 3072, 0.005), 1e-12);
    }

    /** One second of a 1 kHz sine at 48 kHz; returns the output sample count and its zero crossings. */
    static int[] run(double ratio) {
        RateControl rc = new RateControl(48_000, 48_000, 0.005);
        int queued = (int) Math.round(3072 * (1 - (ratio - 1) / 0.005));
        rc.update(queued, 3072);
        assertEquals(ratio, rc.ratio(), 1e-4);
        short[] in = new short[800];
        short[] out = new short[4096];
        float[] scratch = new float[4096];
        int total = 0;
        int crossings = 0;
        short prev = 0;
        long t = 0;
        for (int f = 0; f < 60; f++) {
            for (int i = 0; i < in.length; i++, t++) {
                in[i] = (short) Math.round(10000 * Math.sin(2 * Math.PI * 1000 * t / 48_000.0));
            }
            rc.push(in, in.length);
            int n;
            while ((n = rc.read(out, scratch, out.length)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (total + i > 100 && (prev < 0) != (out[i] < 0)) {
                        crossings++;
                    }
                    prev = out[i];
                }
                total += n;
            }
        }
        return new int[]{total, crossings};
    }

    @Test
    void stretchingMakesMoreSamplesOfTheSameTone() {
        int[] unity = run(1.0);
        int[] stretched = run(1.004);
        // 48000 samples in, the resampler keeps its 8-sample kernel half width back
        assertEquals(48_000, unity[0], 10);
        assertEquals(48_000 * 1.004, stretched[0], 10);
        // the same number of cycles of the tone (2 crossings per cycle, ~1000 cycles): pitch drops by 0.4%, not content
        assertEquals(unity[1], stretched[1], 2);
        // 1 kHz over samples 100..47992 (the first 100 skipped, the last 8 still in the kernel): 2 x 47892 / 48
        assertEquals(1995.5, unity[1], 2);
    }
}
