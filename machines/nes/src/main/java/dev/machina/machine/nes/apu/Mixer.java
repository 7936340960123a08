package dev.machina.machine.nes.apu;

/**
 * The 2A03's non-linear DAC mixing (NESdev wiki "APU Mixer"):
 * {@code pulse = 95.88 / (8128 / (p1 + p2) + 100)} and
 * {@code tnd = 159.79 / (1 / (t / 8227 + n / 12241 + d / 22638) + 100)}, each 0 when its inputs
 * are all 0; the output {@code pulse + tnd} lies in 0.0..~1.0.
 */
public final class Mixer {
    private static final float[] PULSE = new float[31];
    private static final float[] TND = new float[16 * 16 * 128];

    static {
        for (int i = 0; i < PULSE.length; i++) {
            PULSE[i] = (float) mix(i / 2, i - i / 2, 0, 0, 0);
        }
        for (int t = 0; t < 16; t++) {
            for (int n = 0; n < 16; n++) {
                for (int d = 0; d < 128; d++) {
                    TND[(t << 11) | (n << 7) | d] = (float) mix(0, 0, t, n, d);
                }
            }
        }
    }

    private Mixer() {
    }

    /** {@link #mix} from precomputed tables (same value, rounded to float), for the per-cycle path. */
    public static float level(int pulse1, int pulse2, int triangle, int noise, int dmc) {
        return PULSE[pulse1 + pulse2] + TND[(triangle << 11) | (noise << 7) | dmc];
    }

    /**
     * @param pulse1   0..15
     * @param pulse2   0..15
     * @param triangle 0..15
     * @param noise    0..15
     * @param dmc      0..127
     * @return the mixed level, 0.0..1.0
     */
    public static double mix(int pulse1, int pulse2, int triangle, int noise, int dmc) {
        double pulse = pulse1 + pulse2 == 0 ? 0 : 95.88 / (8128.0 / (pulse1 + pulse2) + 100);
        double sum = triangle / 8227.0 + noise / 12241.0 + dmc / 22638.0;
        double tnd = sum == 0 ? 0 : 159.79 / (1 / sum + 100);
        return pulse + tnd;
    }
}
