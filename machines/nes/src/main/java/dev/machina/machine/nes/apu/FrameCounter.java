package dev.machina.machine.nes.apu;

/**
 * The APU frame counter (frame sequencer), $4017 (NESdev wiki "APU Frame Counter"), counted in
 * CPU cycles from its last reset:
 * <ul>
 * <li>4-step mode: quarter frame at 7457, quarter + half frame at 14913, quarter at 22371,
 *     interrupt flag at 29828, quarter + half + flag at 29829, flag at 29830 = cycle 0 of the
 *     next sequence (period 29830);</li>
 * <li>5-step mode: quarter at 7457, quarter + half at 14913, quarter at 22371, nothing at
 *     29829, quarter + half at 37281, period 37282; never an interrupt.</li>
 * </ul>
 * PAL (2A07) steps at 8313, 16627, 24939, 33252-33254 (period 33254) and, in 5-step mode, 41565
 * (period 41566).
 *
 * <p>A $4017 write made in CPU cycle W (before that cycle's {@link #clock()}) resets the
 * sequence to 0 in cycle W+3 when W is even (the write falls during an APU cycle) or W+4 when W
 * is odd (between APU cycles), counting cycles from power-on; writing 5-step mode then clocks
 * quarter and half frame in that cycle. Bit 6 (interrupt inhibit) clears the flag at once.
 */
public final class FrameCounter {
    /** What a CPU cycle of the sequencer produced. */
    static final int QUARTER = 1;
    static final int HALF = 2;

    /** Step cycles: quarter, quarter+half, quarter, first IRQ cycle (4-step), 5-step quarter+half. */
    private static final int[] NTSC = {7457, 14913, 22371, 29828, 37281};
    private static final int[] PAL = {8313, 16627, 24939, 33252, 41565};

    private final int step1;
    private final int step2;
    private final int step3;
    private final int step4;
    private final int step5;
    private boolean fiveStep;
    private boolean inhibit;
    private boolean irqFlag;
    private int cycle;
    private int pendingValue = -1;
    private int pendingDelay;
    private long cpuCycles;

    /** An NTSC frame counter. */
    public FrameCounter() {
        this(false);
    }

    /** @param pal true for the 2A07's PAL timings */
    public FrameCounter(boolean pal) {
        int[] t = pal ? PAL : NTSC;
        step1 = t[0];
        step2 = t[1];
        step3 = t[2];
        step4 = t[3];
        step5 = t[4];
    }

    /** $4017 write. */
    public void write(int value) {
        inhibit = (value & 0x40) != 0;
        if (inhibit) {
            irqFlag = false;
        }
        pendingValue = value;
        pendingDelay = (cpuCycles & 1) == 0 ? 4 : 5; // counts this cycle too
    }

    /**
     * One CPU cycle.
     *
     * @return {@link #QUARTER} and/or {@link #HALF} bits to clock this cycle
     */
    int clock() {
        cpuCycles++;
        int out = 0;
        if (pendingValue >= 0 && --pendingDelay == 0) {
            // the reset cycle is cycle 0 of the new sequence
            fiveStep = (pendingValue & 0x80) != 0;
            pendingValue = -1;
            cycle = 0;
            if (fiveStep) {
                out = QUARTER | HALF;
            }
            return out;
        }
        cycle++;
        if (cycle == step1 || cycle == step3) {
            out = QUARTER;
        } else if (cycle == step2) {
            out = QUARTER | HALF;
        } else if (fiveStep) {
            if (cycle == step5) {
                out = QUARTER | HALF;
            } else if (cycle == step5 + 1) {
                cycle = 0;
            }
        } else if (cycle >= step4) {
            if (!inhibit) {
                irqFlag = true;
            }
            if (cycle == step4 + 1) {
                out = QUARTER | HALF;
            } else if (cycle == step4 + 2) {
                cycle = 0;
            }
        }
        return out;
    }

    /**
     * Clocks from now up to and including the next one that may set the interrupt flag or
     * restart the sequence after a $4017 write; {@link Integer#MAX_VALUE} when neither can
     * happen (5-step mode or interrupts inhibited, no write pending).
     */
    int cyclesUntilEvent() {
        if (pendingValue >= 0) {
            return Math.max(1, pendingDelay);
        }
        if (fiveStep || inhibit) {
            return Integer.MAX_VALUE;
        }
        return cycle < step4 ? step4 - cycle : 1;
    }

    /**
     * CPU cycles from now up to and including the next one on which {@link #clock()} does more
     * than count: a step of the sequence, the interrupt flag, the end of the sequence, or a
     * $4017 write taking effect.
     */
    int cyclesUntilStep() {
        int next;
        if (cycle < step1) {
            next = step1;
        } else if (cycle < step2) {
            next = step2;
        } else if (cycle < step3) {
            next = step3;
        } else if (fiveStep) {
            next = cycle < step5 ? step5 : step5 + 1;
        } else {
            next = cycle < step4 - 1 ? step4 : cycle + 1;
        }
        int n = Math.max(1, next - cycle);
        return pendingValue >= 0 ? Math.min(n, Math.max(1, pendingDelay)) : n;
    }

    /** {@code cycles} CPU cycles, fewer than {@link #cyclesUntilStep()}: only the counting. */
    void skip(int cycles) {
        cpuCycles += cycles;
        cycle += cycles;
        if (pendingValue >= 0) {
            pendingDelay -= cycles;
        }
    }

    /** The frame interrupt flag ($4015 bit 6). */
    public boolean irqFlag() {
        return irqFlag;
    }

    /** $4015 read clears the flag. */
    void clearIrq() {
        irqFlag = false;
    }

    /** Cycles since the sequence restarted, 0..37281. */
    public int cycle() {
        return cycle;
    }

    void save(dev.machina.core.state.StateWriter out) {
        out.bool(fiveStep).bool(inhibit).bool(irqFlag).i32(cycle).i32(pendingValue).u8(pendingDelay).i64(cpuCycles);
    }

    void load(dev.machina.core.state.StateReader in) throws dev.machina.core.state.StateException {
        fiveStep = in.bool();
        inhibit = in.bool();
        irqFlag = in.bool();
        cycle = in.i32();
        pendingValue = in.i32();
        pendingDelay = in.u8();
        cpuCycles = in.i64();
    }

    void reset() {
        fiveStep = false;
        inhibit = false;
        irqFlag = false;
        cycle = 0;
        pendingValue = -1;
        pendingDelay = 0;
    }
}
