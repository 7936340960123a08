package dev.machina.machine.nes.apu;

/**
 * The NES's analogue output stage at the output sample rate (NESdev wiki "APU Mixer"): a
 * first-order high-pass at 90 Hz, another at 440 Hz, and a first-order low-pass at 14 kHz.
 */
final class OutputFilter {
    private final double hp90;
    private final double hp440;
    private final double lp14k;
    private double hp90In;
    private double hp90Out;
    private double hp440In;
    private double hp440Out;
    private double lpOut;

    OutputFilter(double sampleRate) {
        double dt = 1 / sampleRate;
        hp90 = rc(90) / (rc(90) + dt);
        hp440 = rc(440) / (rc(440) + dt);
        lp14k = dt / (rc(14000) + dt);
    }

    private static double rc(double cutoff) {
        return 1 / (2 * Math.PI * cutoff);
    }

    void save(dev.machina.core.state.StateWriter out) {
        for (double d : new double[]{hp90In, hp90Out, hp440In, hp440Out, lpOut}) {
            out.i64(Double.doubleToRawLongBits(d));
        }
    }

    void load(dev.machina.core.state.StateReader in) throws dev.machina.core.state.StateException {
        hp90In = Double.longBitsToDouble(in.i64());
        hp90Out = Double.longBitsToDouble(in.i64());
        hp440In = Double.longBitsToDouble(in.i64());
        hp440Out = Double.longBitsToDouble(in.i64());
        lpOut = Double.longBitsToDouble(in.i64());
    }

    double apply(double x) {
        double a = hp90 * (hp90Out + x - hp90In);
        hp90In = x;
        hp90Out = a;
        double b = hp440 * (hp440Out + a - hp440In);
        hp440In = a;
        hp440Out = b;
        lpOut += (b - lpOut) * lp14k;
        return lpOut;
    }
}
