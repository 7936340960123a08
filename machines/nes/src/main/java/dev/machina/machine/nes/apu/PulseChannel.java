package dev.machina.machine.nes.apu;

/**
 * One of the two pulse (square) channels, $4000-$4003 or $4004-$4007 (NESdev wiki "APU Pulse",
 * "APU Sweep"). The 11-bit timer is clocked every APU cycle (2 CPU cycles) and steps an 8-step
 * duty sequencer, so the tone is CPU clock / (16 * (period + 1)). The sweep unit adjusts the
 * period on half frames; a period below 8 or a sweep target above $7FF mutes the channel.
 * Pulse 1 negates with one's complement (subtracting one more than pulse 2).
 */
public final class PulseChannel {
    private static final int[][] DUTY = {
        {0, 1, 0, 0, 0, 0, 0, 0},
        {0, 1, 1, 0, 0, 0, 0, 0},
        {0, 1, 1, 1, 1, 0, 0, 0},
        {1, 0, 0, 1, 1, 1, 1, 1},
    };

    final Envelope envelope = new Envelope();
    final LengthCounter length = new LengthCounter();
    private final boolean onesComplement;
    private int duty;
    private int period;
    private int timer;
    private int step;
    private boolean sweepEnabled;
    private int sweepPeriod;
    private boolean sweepNegate;
    private int sweepShift;
    private int sweepDivider;
    private boolean sweepReload;

    /** @param first true for pulse 1 ($4000), whose sweep negates with one's complement */
    public PulseChannel(boolean first) {
        this.onesComplement = first;
    }

    /** Writes register 0..3 of this channel. */
    public void write(int register, int value) {
        switch (register & 3) {
            case 0 -> {
                duty = value >> 6;
                length.setHalted((value & 0x20) != 0);
                envelope.write(value);
            }
            case 1 -> {
                sweepEnabled = (value & 0x80) != 0;
                sweepPeriod = (value >> 4) & 7;
                sweepNegate = (value & 0x08) != 0;
                sweepShift = value & 7;
                sweepReload = true;
            }
            case 2 -> period = (period & 0x700) | value;
            default -> {
                period = (period & 0xFF) | ((value & 7) << 8);
                length.load(value >> 3);
                step = 0;
                envelope.restart();
            }
        }
    }

    /**
     * Timer clock: called every other CPU cycle (each APU cycle).
     *
     * @return true when the sequencer stepped (the output may have changed)
     */
    public boolean clockTimer() {
        if (timer == 0) {
            timer = period;
            step = (step - 1) & 7;
            return true;
        }
        timer--;
        return false;
    }

    /**
     * CPU cycles from now up to and including the first one on which a timer clock may change
     * the output ({@code odd}: the APU's clock runs on the next CPU cycle); {@link Integer#MAX_VALUE}
     * while the channel is silenced (length counter 0, muted by the sweep, or volume 0), when only the
     * timer and the sequencer move ({@link #skipClocks}).
     */
    int cyclesUntilAudible(boolean odd) {
        if (!length.active() || envelope.output() == 0 || muted()) {
            return Integer.MAX_VALUE;
        }
        return 2 * timer + (odd ? 1 : 2);
    }

    /** {@code clocks} timer clocks (&ge; 0) as {@link #clockTimer()} would run them, in one step. */
    void skipClocks(int clocks) {
        int t = timer;
        if (clocks <= t) {
            timer = t - clocks;
            return;
        }
        int after = clocks - (t + 1);
        timer = period - after % (period + 1);
        step = (step - 1 - after / (period + 1)) & 7;
    }

    private int sweepTarget() {
        int change = period >> sweepShift;
        if (sweepNegate) {
            return period - change - (onesComplement ? 1 : 0);
        }
        return period + change;
    }

    private boolean muted() {
        return period < 8 || sweepTarget() > 0x7FF;
    }

    /** Half-frame clock: sweep and length counter. */
    public void clockHalfFrame() {
        if (sweepDivider == 0 && sweepEnabled && sweepShift != 0 && !muted()) {
            period = Math.max(0, sweepTarget());
        }
        if (sweepDivider == 0 || sweepReload) {
            sweepDivider = sweepPeriod;
            sweepReload = false;
        } else {
            sweepDivider--;
        }
        length.clock();
    }

    /** Output level 0..15. */
    public int output() {
        if (!length.active() || muted() || DUTY[duty][step] == 0) {
            return 0;
        }
        return envelope.output();
    }

    /** The timer period, 0..$7FF (for tests and debuggers). */
    public int period() {
        return period;
    }

    void save(dev.machina.core.state.StateWriter out) {
        envelope.save(out);
        length.save(out);
        out.u8(duty).u16(period).u16(timer).u8(step);
        out.bool(sweepEnabled).u8(sweepPeriod).bool(sweepNegate).u8(sweepShift).u8(sweepDivider).bool(sweepReload);
    }

    void load(dev.machina.core.state.StateReader in) throws dev.machina.core.state.StateException {
        envelope.load(in);
        length.load(in);
        duty = in.u8() & 3;
        period = in.u16() & 0x7FF;
        timer = in.u16() & 0x7FF;
        step = in.u8() & 7;
        sweepEnabled = in.bool();
        sweepPeriod = in.u8() & 7;
        sweepNegate = in.bool();
        sweepShift = in.u8() & 7;
        sweepDivider = in.u8() & 7;
        sweepReload = in.bool();
    }

    void reset() {
        envelope.reset();
        length.reset();
        duty = 0;
        period = 0;
        timer = 0;
        step = 0;
        sweepEnabled = false;
        sweepPeriod = 0;
        sweepNegate = false;
        sweepShift = 0;
        sweepDivider = 0;
        sweepReload = false;
    }
}
