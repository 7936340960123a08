package dev.machina.machine.nes.ppu;

/**
 * The 2C02's colours as ARGB, generated from the composite signal the PPU produces (NESdev wiki,
 * "NTSC video"): each colour $xy is a square wave between a low and a high voltage level of
 * luma row x, in one of 12 phases (column y; $x0 is always high, $xD always low, $xE/$xF black),
 * decoded the way an ideal TV does (luma = mean over one colour cycle, chroma = the
 * fundamental's phase and amplitude relative to the colour burst, which has phase 8).
 * Emphasis bits ($2001 bits 7-5: blue, green, red) attenuate the signal to 74.6% while the
 * square wave of phase 8, 4 and $C respectively is high.
 *
 * <p>The table has 512 entries, indexed by {@code emphasis << 6 | colour}.
 */
public final class NtscPalette {
    /** Relative signal levels (volts above sync) for luma rows 0-3: low ($xD) and high ($x0). */
    private static final double[] LOW = {0.350, 0.518, 0.962, 1.550};
    private static final double[] HIGH = {1.094, 1.506, 1.962, 1.962};
    private static final double BLACK = 0.518;
    private static final double WHITE = 1.962;
    private static final double ATTENUATION = 0.746;

    private static final int[] ARGB = build();

    private NtscPalette() {
    }

    /**
     * ARGB (alpha $FF) of {@code colour} (0..63) with {@code emphasis} (0..7: bit 0 red, 1 green, 2 blue).
     */
    public static int argb(int emphasis, int colour) {
        return ARGB[(emphasis & 7) << 6 | (colour & 0x3F)];
    }

    /** The whole 512-entry table (a copy), index {@code emphasis << 6 | colour}. */
    public static int[] table() {
        return ARGB.clone();
    }

    /** True while the square wave of colour column {@code column} (1..12) is high at phase step {@code p} (0..11). */
    private static boolean inPhase(int column, int p) {
        return (p + column - 1) % 12 < 6;
    }

    private static int[] build() {
        int[] out = new int[512];
        for (int e = 0; e < 8; e++) {
            for (int c = 0; c < 64; c++) {
                out[e << 6 | c] = decode(e, c);
            }
        }
        return out;
    }

    private static int decode(int emphasis, int colour) {
        int row = colour >> 4;
        int column = colour & 0x0F;
        double y = 0;
        double u = 0;
        double vv = 0;
        for (int p = 0; p < 12; p++) {
            double level;
            if (column >= 0x0E) {
                level = BLACK;
            } else if (column == 0) {
                level = HIGH[row];
            } else if (column == 0x0D) {
                level = LOW[row];
            } else {
                level = inPhase(column, p) ? HIGH[row] : LOW[row];
            }
            if (column < 0x0E && ((emphasis & 1) != 0 && inPhase(0x0C, p)
                    || (emphasis & 2) != 0 && inPhase(0x04, p)
                    || (emphasis & 4) != 0 && inPhase(0x08, p))) {
                level *= ATTENUATION;
            }
            double s = (level - BLACK) / (WHITE - BLACK);
            // Hue angle of phase step p: column k's wave is centred on step 3.5 - k, and column 2
            // lies on +U (blue), column 8 (the burst) on -U: angle = (1.5 - p) * 30 degrees.
            double angle = Math.toRadians((1.5 - p) * 30);
            y += s / 12;
            u += s * Math.cos(angle) / 6;
            vv += s * Math.sin(angle) / 6;
        }
        double r = y + 1.140 * vv;
        double g = y - 0.395 * u - 0.581 * vv;
        double b = y + 2.032 * u;
        return 0xFF000000 | channel(r) << 16 | channel(g) << 8 | channel(b);
    }

    private static int channel(double linear) {
        return (int) Math.round(Math.max(0, Math.min(1, linear)) * 255);
    }
}
