package dev.machina.machine.nes.input;

/**
 * The standard NES controller (NESdev wiki "Standard controller"): a 4021 8-bit parallel-in
 * shift register. While the strobe ($4016 bit 0) is high it keeps reloading the buttons, so
 * reads return A; when the strobe falls the buttons are latched and each read returns the next
 * one in the order A, B, Select, Start, Up, Down, Left, Right, then 1 for every further read.
 */
public final class StandardController {
    /** Button bits for {@link #setButtons}: bit 0 A ... bit 7 Right, the report order. */
    public static final int A = 0x01;
    public static final int B = 0x02;
    public static final int SELECT = 0x04;
    public static final int START = 0x08;
    public static final int UP = 0x10;
    public static final int DOWN = 0x20;
    public static final int LEFT = 0x40;
    public static final int RIGHT = 0x80;

    private int buttons;
    private int shift;
    private boolean strobe;

    /** The buttons now held, a mask of the constants above. */
    public void setButtons(int mask) {
        buttons = mask & 0xFF;
        if (strobe) {
            shift = buttons;
        }
    }

    /** The buttons now held. */
    public int buttons() {
        return buttons;
    }

    /** The strobe line (OUT0, $4016 bit 0). */
    public void setStrobe(boolean high) {
        strobe = high;
        if (high) {
            shift = buttons;
        }
    }

    void save(dev.machina.core.state.StateWriter out) {
        out.u8(buttons).u8(shift).bool(strobe);
    }

    void load(dev.machina.core.state.StateReader in) throws dev.machina.core.state.StateException {
        buttons = in.u8();
        shift = in.u8();
        strobe = in.bool();
    }

    /** One read of the serial data line: 0 or 1 (1 = pressed). */
    public int read() {
        if (strobe) {
            return buttons & 1;
        }
        int bit = shift & 1;
        shift = (shift >> 1) | 0x80;
        return bit;
    }
}
