package dev.machina.machine.nes;

/**
 * Console timing models (NESdev wiki "Cycle reference chart", "Clock rate"): the CPU clock,
 * PPU dots per CPU cycle, frame geometry, and which APU tables apply.
 */
public enum Region {
    /** RP2A03 / RP2C02: master 21.477272 MHz, CPU = master / 12, PPU = master / 4 (3 dots per CPU cycle), 262 lines. */
    NTSC(236_250_000.0 / 11 / 12, 3, 1, 262, true),
    /** RP2A07 / RP2C07: master 26.601712 MHz, CPU = master / 16, PPU = master / 5 (3.2 dots per CPU cycle), 312 lines. */
    PAL(26_601_712.0 / 16, 16, 5, 312, false);

    private final double cpuHz;
    private final int dotsNumerator;
    private final int dotsDenominator;
    private final int lines;
    private final boolean skipsOddDot;

    Region(double cpuHz, int dotsNumerator, int dotsDenominator, int lines, boolean skipsOddDot) {
        this.cpuHz = cpuHz;
        this.dotsNumerator = dotsNumerator;
        this.dotsDenominator = dotsDenominator;
        this.lines = lines;
        this.skipsOddDot = skipsOddDot;
    }

    /** CPU clock in Hz. */
    public double cpuHz() {
        return cpuHz;
    }

    /** PPU dots per CPU cycle as a fraction: numerator (3 or 16). */
    public int dotsPerCpuCycleNumerator() {
        return dotsNumerator;
    }

    /** PPU dots per CPU cycle as a fraction: denominator (1 or 5). */
    public int dotsPerCpuCycleDenominator() {
        return dotsDenominator;
    }

    /** Scanlines per frame, including VBlank and the pre-render line. */
    public int linesPerFrame() {
        return lines;
    }

    /** The pre-render line: the last line of the frame. */
    public int preRenderLine() {
        return lines - 1;
    }

    /** True when odd frames skip a dot with rendering on (NTSC only). */
    public boolean skipsOddDot() {
        return skipsOddDot;
    }
}
