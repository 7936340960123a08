package dev.machina.frontend.audio;

import dev.machina.core.audio.BandLimitedResampler;

/**
 * Dynamic rate control (as in RetroArch's and byuu's "dynamic rate control"): resamples the
 * machine's sound stream to the output device's rate, stretched or squeezed by a small factor
 * so that the amount of audio queued at the device stays near a target. When the display's
 * vsync runs the emulation a little slower than the machine's own refresh (60 Hz against the
 * NES's 60.0988 Hz), the queue drains, the ratio rises above 1 and each emulated second yields
 * slightly more output; the pitch change (at most {@code maxDelta}, 0.5% by default) is
 * inaudible, and neither underruns nor dropped frames build up.
 *
 * <p>The stretching uses core's {@link BandLimitedResampler}: each input sample becomes a level
 * at an input clock that advances by {@value #CLOCKS_PER_SAMPLE} x ratio per sample, with the
 * resampler's input rate {@value #CLOCKS_PER_SAMPLE} x the machine's sample rate.
 */
public final class RateControl {
    /** Resampler input clocks per machine sample at ratio 1. */
    public static final int CLOCKS_PER_SAMPLE = 64;

    private final BandLimitedResampler resampler;
    private final double maxDelta;
    private double clock;
    private double ratio = 1;

    /**
     * @param inputRate  the machine's sample rate in Hz
     * @param outputRate the device's sample rate in Hz
     * @param maxDelta   largest relative rate change, e.g. 0.005
     */
    public RateControl(int inputRate, int outputRate, double maxDelta) {
        this.resampler = new BandLimitedResampler((double) inputRate * CLOCKS_PER_SAMPLE, outputRate, outputRate);
        this.maxDelta = maxDelta;
    }

    /**
     * The ratio for a queue holding {@code queued} samples against a {@code target}:
     * {@code 1 + maxDelta * (target - queued) / target}, clamped to {@code 1 +- maxDelta}.
     */
    public static double ratio(int queued, int target, double maxDelta) {
        double r = 1 + maxDelta * (target - queued) / (double) target;
        return Math.max(1 - maxDelta, Math.min(1 + maxDelta, r));
    }

    /** Sets the ratio from the device queue's fill (see {@link #ratio(int, int, double)}). */
    public void update(int queued, int target) {
        ratio = ratio(queued, target, maxDelta);
    }

    /** The ratio in use: output samples per input sample relative to the nominal rates. */
    public double ratio() {
        return ratio;
    }

    /** Feeds {@code n} machine samples from {@code src}. */
    public void push(short[] src, int n) {
        double step = CLOCKS_PER_SAMPLE * ratio;
        for (int i = 0; i < n; i++) {
            resampler.level((long) clock, src[i] / 32768f);
            clock += step;
        }
        resampler.advance((long) clock);
    }

    /** Samples ready at the output rate. */
    public int available() {
        return resampler.available();
    }

    /** Moves up to {@code length} output samples into {@code dst} as 16-bit signed values. */
    public int read(short[] dst, float[] scratch, int length) {
        int n = resampler.read(scratch, 0, Math.min(length, scratch.length));
        for (int i = 0; i < n; i++) {
            float v = scratch[i] * 32768f;
            dst[i] = (short) Math.max(-32768, Math.min(32767, Math.round(v)));
        }
        return n;
    }
}
