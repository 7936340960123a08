package dev.machina.machine.nes.apu;

/**
 * A channel's length counter (NESdev wiki, "APU Length Counter"): loaded from a 5-bit index
 * into {@link #TABLE} when the channel's fourth register is written (only while the channel is
 * enabled in $4015), clocked by half-frame signals down to 0 unless halted; a channel whose
 * counter is 0 is silenced.
 */
public final class LengthCounter {
    /** Length values in half-frames for indices 0..31 (the wiki's table). */
    public static final int[] TABLE = {
        10, 254, 20, 2, 40, 4, 80, 6, 160, 8, 60, 10, 14, 12, 26, 14,
        12, 16, 24, 18, 48, 20, 96, 22, 192, 24, 72, 26, 16, 28, 32, 30
    };

    private int value;
    private boolean halted;
    private boolean enabled;

    /** Loads {@code TABLE[index]} (index 0..31) if the channel is enabled. */
    public void load(int index) {
        if (enabled) {
            value = TABLE[index & 0x1F];
        }
    }

    /** The halt flag (also the envelope loop flag / triangle control flag). */
    public void setHalted(boolean halted) {
        this.halted = halted;
    }

    /** $4015 enable bit: disabling clears the counter at once. */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
        if (!enabled) {
            value = 0;
        }
    }

    /** Half-frame clock. */
    public void clock() {
        if (value > 0 && !halted) {
            value--;
        }
    }

    /** Current value, 0..254. */
    public int value() {
        return value;
    }

    /** True while the counter is non-zero (what $4015 reports). */
    public boolean active() {
        return value > 0;
    }

    void save(dev.machina.core.state.StateWriter out) {
        out.u8(value).bool(halted).bool(enabled);
    }

    void load(dev.machina.core.state.StateReader in) throws dev.machina.core.state.StateException {
        value = in.u8();
        halted = in.bool();
        enabled = in.bool();
    }

    void reset() {
        value = 0;
        halted = false;
        enabled = false;
    }
}
