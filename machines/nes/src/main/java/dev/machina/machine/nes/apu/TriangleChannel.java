package dev.machina.machine.nes.apu;

/**
 * The triangle channel, $4008-$400B (NESdev wiki "APU Triangle"): an 11-bit timer clocked every
 * CPU cycle steps a 32-step sequence 15..0, 0..15 while both the linear counter and the length
 * counter are non-zero (tone = CPU clock / (32 * (period + 1))); otherwise the output holds.
 */
public final class TriangleChannel {
    final LengthCounter length = new LengthCounter();
    private boolean control;
    private int linearReloadValue;
    private int linearCounter;
    private boolean linearReload;
    private int period;
    private int timer;
    private int step;

    /** Writes register 0..3 ($4008, $4009 unused, $400A, $400B). */
    public void write(int register, int value) {
        switch (register & 3) {
            case 0 -> {
                control = (value & 0x80) != 0;
                length.setHalted(control);
                linearReloadValue = value & 0x7F;
            }
            case 2 -> period = (period & 0x700) | value;
            case 3 -> {
                period = (period & 0xFF) | ((value & 7) << 8);
                length.load(value >> 3);
                linearReload = true;
            }
            default -> {
            }
        }
    }

    /**
     * Timer clock: every CPU cycle.
     *
     * @return true when the sequencer stepped
     */
    public boolean clockTimer() {
        if (timer == 0) {
            timer = period;
            if (linearCounter > 0 && length.active()) {
                step = (step + 1) & 31;
                return true;
            }
            return false;
        }
        timer--;
        return false;
    }

    /**
     * CPU cycles from now up to and including the first one on which the sequencer may step;
     * {@link Integer#MAX_VALUE} while the linear or length counter is 0, when only the timer
     * moves ({@link #skip}).
     */
    int cyclesUntilStep() {
        if (linearCounter == 0 || !length.active()) {
            return Integer.MAX_VALUE;
        }
        return timer + 1;
    }

    /** {@code cycles} timer clocks (&ge; 0) with the sequencer held, in one step. */
    void skip(int cycles) {
        int t = timer;
        if (cycles <= t) {
            timer = t - cycles;
        } else {
            timer = period - (cycles - (t + 1)) % (period + 1);
        }
    }

    /** Quarter-frame clock: the linear counter. */
    public void clockQuarterFrame() {
        if (linearReload) {
            linearCounter = linearReloadValue;
        } else if (linearCounter > 0) {
            linearCounter--;
        }
        if (!control) {
            linearReload = false;
        }
    }

    /** Half-frame clock: the length counter. */
    public void clockHalfFrame() {
        length.clock();
    }

    /** Output level 0..15. */
    public int output() {
        return step < 16 ? 15 - step : step - 16;
    }

    /** The linear counter, 0..127. */
    public int linearCounter() {
        return linearCounter;
    }

    void save(dev.machina.core.state.StateWriter out) {
        length.save(out);
        out.bool(control).u8(linearReloadValue).u8(linearCounter).bool(linearReload).u16(period).u16(timer).u8(step);
    }

    void load(dev.machina.core.state.StateReader in) throws dev.machina.core.state.StateException {
        length.load(in);
        control = in.bool();
        linearReloadValue = in.u8() & 0x7F;
        linearCounter = in.u8() & 0x7F;
        linearReload = in.bool();
        period = in.u16() & 0x7FF;
        timer = in.u16() & 0x7FF;
        step = in.u8() & 31;
    }

    void reset() {
        length.reset();
        control = false;
        linearReloadValue = 0;
        linearCounter = 0;
        linearReload = false;
        period = 0;
        timer = 0;
        step = 0;
    }
}
