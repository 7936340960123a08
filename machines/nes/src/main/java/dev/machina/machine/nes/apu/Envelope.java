package dev.machina.machine.nes.apu;

/**
 * Volume envelope of the pulse and noise channels (NESdev wiki, "APU Envelope"): either a
 * constant volume or a decay level 15..0 stepped every (V+1) quarter frames, optionally looping.
 */
public final class Envelope {
    private boolean start;
    private boolean loop;
    private boolean constant;
    private int volume;
    private int divider;
    private int decay;

    /** The channel's first register: bit 5 loop, bit 4 constant volume, bits 3-0 volume / period V. */
    public void write(int value) {
        loop = (value & 0x20) != 0;
        constant = (value & 0x10) != 0;
        volume = value & 0x0F;
    }

    /** The channel's fourth register was written: restart the envelope on the next quarter frame. */
    public void restart() {
        start = true;
    }

    /** Quarter-frame clock. */
    public void clock() {
        if (start) {
            start = false;
            decay = 15;
            divider = volume;
            return;
        }
        if (divider > 0) {
            divider--;
            return;
        }
        divider = volume;
        if (decay > 0) {
            decay--;
        } else if (loop) {
            decay = 15;
        }
    }

    /** Output volume, 0..15. */
    public int output() {
        return constant ? volume : decay;
    }

    void save(dev.machina.core.state.StateWriter out) {
        out.bool(start).bool(loop).bool(constant).u8(volume).u8(divider).u8(decay);
    }

    void load(dev.machina.core.state.StateReader in) throws dev.machina.core.state.StateException {
        start = in.bool();
        loop = in.bool();
        constant = in.bool();
        volume = in.u8() & 15;
        divider = in.u8() & 15;
        decay = in.u8() & 15;
    }

    void reset() {
        start = false;
        loop = false;
        constant = false;
        volume = 0;
        divider = 0;
        decay = 0;
    }
}
