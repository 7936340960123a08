package dev.machina.machine.nes.apu;

/**
 * The noise channel, $400C-$400F (NESdev wiki "APU Noise"): a 15-bit linear-feedback shift
 * register (bit 0 XOR bit 1, or bit 6 in short mode, fed into bit 14) clocked by a timer with
 * one of 16 periods; the channel outputs the envelope volume while bit 0 is clear.
 */
public final class NoiseChannel {
    /** NTSC timer periods in CPU cycles. */
    public static final int[] PERIODS = {4, 8, 16, 32, 64, 96, 128, 160, 202, 254, 380, 508, 762, 1016, 2034, 4068};
    /** PAL timer periods in CPU cycles. */
    public static final int[] PERIODS_PAL = {4, 8, 14, 30, 60, 88, 118, 148, 188, 236, 354, 472, 708, 944, 1890, 3778};

    private final int[] periods;

    /** @param periods {@link #PERIODS} or {@link #PERIODS_PAL} */
    public NoiseChannel(int[] periods) {
        this.periods = periods.clone();
    }

    /** An NTSC noise channel. */
    public NoiseChannel() {
        this(PERIODS);
    }

    final Envelope envelope = new Envelope();
    final LengthCounter length = new LengthCounter();
    private boolean shortMode;
    private int period = PERIODS[0];
    private int timer;
    private int shift = 1;

    /** Writes register 0..3 ($400C, $400D unused, $400E, $400F). */
    public void write(int register, int value) {
        switch (register & 3) {
            case 0 -> {
                length.setHalted((value & 0x20) != 0);
                envelope.write(value);
            }
            case 2 -> {
                shortMode = (value & 0x80) != 0;
                period = periods[value & 0x0F];
            }
            case 3 -> {
                length.load(value >> 3);
                envelope.restart();
            }
            default -> {
            }
        }
    }

    /**
     * Timer clock: every CPU cycle (the periods are in CPU cycles).
     *
     * @return true when the shift register moved
     */
    public boolean clockTimer() {
        if (--timer > 0) {
            return false;
        }
        timer = period;
        int feedback = (shift ^ (shift >> (shortMode ? 6 : 1))) & 1;
        shift = (shift >> 1) | (feedback << 14);
        return true;
    }

    /**
     * CPU cycles from now up to and including the next shift when it may change the output;
     * {@link Integer#MAX_VALUE} while the length counter or the volume is 0 (silent), when the shifts are
     * done in bulk by {@link #skip}.
     */
    int cyclesUntilAudibleShift() {
        return length.active() && envelope.output() != 0 ? Math.max(1, timer) : Integer.MAX_VALUE;
    }

    /** {@code cycles} timer clocks (&ge; 0) as {@link #clockTimer()} would run them, in one step. */
    void skip(int cycles) {
        int first = Math.max(1, timer);
        if (cycles < first) {
            timer -= cycles;
            return;
        }
        int after = cycles - first;
        int shifts = 1 + after / period;
        timer = period - after % period;
        int s = shift;
        if (!shortMode && s != 0) {
            shift = LONG_SEQUENCE[(LONG_POSITION[s] + shifts) % LONG_PERIOD];
            return;
        }
        int tap = shortMode ? 6 : 1;
        for (int i = 0; i < shifts; i++) {
            s = (s >> 1) | (((s ^ (s >> tap)) & 1) << 14);
        }
        shift = s;
    }

    /** Period of the long-mode sequence: every non-zero 15-bit state lies on it. */
    private static final int LONG_PERIOD = 32767;
    /** The long-mode states in shift order from 1, and each state's index in it, for {@link #skip}. */
    private static final char[] LONG_SEQUENCE = new char[LONG_PERIOD];
    private static final char[] LONG_POSITION = new char[1 << 15];

    static {
        int s = 1;
        for (int i = 0; i < LONG_PERIOD; i++) {
            LONG_SEQUENCE[i] = (char) s;
            LONG_POSITION[s] = (char) i;
            s = (s >> 1) | (((s ^ (s >> 1)) & 1) << 14);
        }
        if (s != 1) {
            throw new ExceptionInInitializerError("noise LFSR period is not " + LONG_PERIOD);
        }
    }

    /** Output level 0..15. */
    public int output() {
        return !length.active() || (shift & 1) != 0 ? 0 : envelope.output();
    }

    void save(dev.machina.core.state.StateWriter out) {
        envelope.save(out);
        length.save(out);
        out.bool(shortMode).u16(period).u16(timer).u16(shift);
    }

    void load(dev.machina.core.state.StateReader in) throws dev.machina.core.state.StateException {
        envelope.load(in);
        length.load(in);
        shortMode = in.bool();
        period = in.u16();
        timer = in.u16();
        shift = in.u16() & 0x7FFF;
    }

    void reset() {
        envelope.reset();
        length.reset();
        shortMode = false;
        period = periods[0];
        timer = 0;
        shift = 1;
    }
}
