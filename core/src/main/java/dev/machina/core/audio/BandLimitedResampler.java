package dev.machina.core.audio;

import dev.machina.core.state.StateException;
import dev.machina.core.state.StateReader;
import dev.machina.core.state.StateWriter;

/**
 * Turns a step signal clocked at a high, fixed input rate (a sound chip's output level, sampled
 * once per chip or CPU cycle) into band-limited samples at a lower output rate, the way
 * blargg's blip_buffer does: each change of level is added as a band-limited step (the
 * integral of a Blackman-windowed sinc with its cutoff at {@value #CUTOFF} of the output rate),
 * placed at the exact fractional time of the change. Work is proportional to the number of
 * level changes, not to the input rate, and there is no aliasing from the box filter an
 * averaging resampler would use.
 *
 * <p>The signal is described by its changes: {@link #level(long, float)} says the level becomes
 * a value at an input clock (a monotonic count of input periods, e.g. CPU cycles since
 * power-on) and {@link #advance(long)} says time has reached a clock; samples that can no
 * longer change (those at least {@value #HALF_WIDTH} output samples, the kernel's half width,
 * before that time) are queued until {@link #read}. When the queue is full the oldest samples
 * are dropped. Deterministic: the same calls give bit-identical output. Not thread-safe.
 */
public final class BandLimitedResampler {
    /** Kernel half width in output samples. */
    public static final int HALF_WIDTH = 8;
    /** Cutoff as a fraction of the output rate (below Nyquist, 0.5). */
    public static final double CUTOFF = 0.45;
    private static final int PHASES = 64;
    private static final int TAPS = 2 * HALF_WIDTH;
    private static final int ACC_SIZE = 64;

    private final double step;
    private final float[][] kernel = new float[PHASES][TAPS];
    private final float[] acc = new float[ACC_SIZE];
    private final float[] queue;
    private int queueHead;
    private int queueSize;
    private long dropped;
    private long emitted;
    private float level;
    private float integrator;

    /**
     * @param inputRate  input samples per second, e.g. 1789772.7 for the NES CPU clock
     * @param outputRate output samples per second, e.g. 48000; must be below the input rate
     * @param capacity   queued output samples kept before the oldest are dropped
     * @throws IllegalArgumentException on non-positive rates, an output rate not below the input
     *                                  rate, or a capacity below 1
     */
    public BandLimitedResampler(double inputRate, double outputRate, int capacity) {
        if (!(inputRate > 0) || !(outputRate > 0) || outputRate >= inputRate || capacity < 1) {
            throw new IllegalArgumentException("resampler: input " + inputRate + " Hz, output " + outputRate
                    + " Hz, capacity " + capacity);
        }
        this.step = outputRate / inputRate;
        this.queue = new float[capacity];
        for (int p = 0; p < PHASES; p++) {
            double frac = (double) p / PHASES;
            double sum = 0;
            double[] k = new double[TAPS];
            for (int i = 0; i < TAPS; i++) {
                // tap i lands on output sample (n - HALF_WIDTH + 1 + i) for a step at n + frac
                double x = (i - HALF_WIDTH + 1) - frac;
                k[i] = sinc(2 * CUTOFF * x) * blackman(x / HALF_WIDTH);
                sum += k[i];
            }
            for (int i = 0; i < TAPS; i++) {
                kernel[p][i] = (float) (k[i] / sum);
            }
        }
    }

    private static double sinc(double x) {
        return x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    }

    /** Blackman window over -1..1 (0 outside). */
    private static double blackman(double t) {
        if (t <= -1 || t >= 1) {
            return 0;
        }
        double a = Math.PI * (t + 1);
        return 0.42 - 0.5 * Math.cos(a) + 0.08 * Math.cos(2 * a);
    }

    /**
     * The level becomes {@code value} at input clock {@code clock}. Clocks must not go back.
     */
    public void level(long clock, float value) {
        if (value == level) {
            return;
        }
        double t = clock * step;
        emitBefore(t);
        addStep(t, value - level);
        level = value;
    }

    /** Time has reached input clock {@code clock}: queues every sample that is now final. */
    public void advance(long clock) {
        emitBefore(clock * step);
    }

    private void emitBefore(double t) {
        long ready = (long) t - HALF_WIDTH;
        while (emitted < ready) {
            int slot = (int) (emitted & (ACC_SIZE - 1));
            integrator += acc[slot];
            acc[slot] = 0;
            push(integrator);
            emitted++;
        }
    }

    private void addStep(double time, float delta) {
        long whole = (long) time;
        double frac = time - whole;
        float[] k = kernel[(int) (frac * PHASES)];
        long first = whole - HALF_WIDTH + 1;
        for (int i = 0; i < TAPS; i++) {
            acc[(int) ((first + i) & (ACC_SIZE - 1))] += delta * k[i];
        }
    }

    private void push(float sample) {
        if (queueSize == queue.length) {
            queueHead = (queueHead + 1) % queue.length;
            queueSize--;
            dropped++;
        }
        queue[(queueHead + queueSize) % queue.length] = sample;
        queueSize++;
    }

    /**
     * Writes the resampler's state (pending steps, integrator, level, position, queued samples)
     * for save states; the rates and capacity are construction parameters and not included.
     */
    public void saveState(StateWriter out) {
        for (float f : acc) {
            out.i32(Float.floatToRawIntBits(f));
        }
        out.i32(Float.floatToRawIntBits(integrator)).i32(Float.floatToRawIntBits(level)).i64(emitted).i64(dropped);
        out.i32(queueSize);
        for (int i = 0; i < queueSize; i++) {
            out.i32(Float.floatToRawIntBits(queue[(queueHead + i) % queue.length]));
        }
    }

    /**
     * Reads what {@link #saveState} wrote.
     *
     * @throws StateException when more samples are queued than this resampler's capacity
     */
    public void loadState(StateReader in) throws StateException {
        for (int i = 0; i < acc.length; i++) {
            acc[i] = Float.intBitsToFloat(in.i32());
        }
        integrator = Float.intBitsToFloat(in.i32());
        level = Float.intBitsToFloat(in.i32());
        emitted = in.i64();
        dropped = in.i64();
        int n = in.i32();
        if (n < 0 || n > queue.length) {
            throw new StateException("resampler: " + n + " queued samples, capacity " + queue.length);
        }
        queueHead = 0;
        queueSize = n;
        for (int i = 0; i < n; i++) {
            queue[i] = Float.intBitsToFloat(in.i32());
        }
    }

    /** Output samples waiting to be read. */
    public int available() {
        return queueSize;
    }

    /** Output samples dropped because the queue was full. */
    public long dropped() {
        return dropped;
    }

    /**
     * Moves up to {@code length} queued samples into {@code dst} from {@code offset}.
     *
     * @return the number of samples copied
     */
    public int read(float[] dst, int offset, int length) {
        int n = Math.min(length, queueSize);
        for (int i = 0; i < n; i++) {
            dst[offset + i] = queue[queueHead];
            queueHead = (queueHead + 1) % queue.length;
        }
        queueSize -= n;
        return n;
    }
}
