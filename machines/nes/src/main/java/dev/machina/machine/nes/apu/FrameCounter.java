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
 * A $4017 write made in CPU cycle W (before that cycle's {@link #clock()}) resets the
 * sequence to 0 in cycle W+3 when W is even (the write falls during an APU cycle) or W+4 when W
 * is odd (between APU cycles), counting cycles from power-on; writing 5-step mode then clocks
 * quarter and half frame in that cycle. Bit 6 (interrupt inhibit) clears the flag at once.
 */
public final class FrameCounter {
    /** What a CPU cycle of the sequencer produced. */
    static final int QUARTER = 1;
    static final int HALF = 2;

    private boolean fiveStep;
    private boolean inhibit;
    private boolean irqFlag;
    private int cycle;
    private int pendingValue = -1;
    private int pendingDelay;
    private long cpuCycles;

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
        switch (cycle) {
            case 7457, 22371 -> out = QUARTER;
            case 14913 -> out = QUARTER | HALF;
            default -> {
                if (fiveStep) {
                    if (cycle == 37281) {
                        out = QUARTER | HALF;
                    } else if (cycle == 37282) {
                        cycle = 0;
                    }
                } else if (cycle >= 29828) {
                    if (!inhibit) {
                        irqFlag = true;
                    }
                    if (cycle == 29829) {
                        out = QUARTER | HALF;
                    } else if (cycle == 29830) {
                        cycle = 0;
                    }
                }
            }
        }
        return out;
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

    void reset() {
        fiveStep = false;
        inhibit = false;
        irqFlag = false;
        cycle = 0;
        pendingValue = -1;
        pendingDelay = 0;
    }
}
