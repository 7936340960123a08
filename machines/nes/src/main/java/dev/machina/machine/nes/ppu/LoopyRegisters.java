package dev.machina.machine.nes.ppu;

/**
 * The PPU's internal scroll/address registers, named after loopy's document (NESdev wiki,
 * "PPU scrolling"): {@code v} (current VRAM address, 15 bits), {@code t} (temporary address,
 * 15 bits: the top-left of the screen), {@code x} (fine X scroll, 3 bits) and {@code w} (the
 * shared first/second write toggle of $2005/$2006).
 *
 * <p>Bit layout of v and t: {@code yyy NN YYYYY XXXXX} = fine Y (14-12), nametable select
 * (11-10), coarse Y (9-5), coarse X (4-0).
 */
public final class LoopyRegisters {
    int v;
    int t;
    int x;
    boolean w;

    /** Current VRAM address v, 0..$7FFF. */
    public int v() {
        return v;
    }

    /** Temporary address t, 0..$7FFF. */
    public int t() {
        return t;
    }

    /** Fine X scroll, 0..7. */
    public int fineX() {
        return x;
    }

    /** The write toggle: false before the first $2005/$2006 write, true after it. */
    public boolean w() {
        return w;
    }

    /** $2000 write: t bits 11-10 = d bits 1-0. */
    public void writeCtrl(int d) {
        t = (t & ~0x0C00) | ((d & 0x03) << 10);
    }

    /** $2002 read: w = 0. */
    public void resetToggle() {
        w = false;
    }

    /** $2005 write: first write sets coarse X and fine X, second write coarse Y and fine Y. */
    public void writeScroll(int d) {
        if (!w) {
            t = (t & ~0x001F) | (d >> 3);
            x = d & 0x07;
        } else {
            t = (t & ~0x73E0) | ((d & 0x07) << 12) | ((d & 0xF8) << 2);
        }
        w = !w;
    }

    /**
     * $2006 write: first write sets t bits 13-8 from d bits 5-0 and clears bit 14; second write
     * sets t bits 7-0 and copies t to v.
     *
     * @return true when v was updated (second write)
     */
    public boolean writeAddress(int d) {
        if (!w) {
            t = (t & 0x00FF) | ((d & 0x3F) << 8);
            w = true;
            return false;
        }
        t = (t & 0x7F00) | (d & 0xFF);
        v = t;
        w = false;
        return true;
    }

    /** Coarse X increment with the wrap into the horizontally adjacent nametable (bit 10). */
    public void incrementX() {
        if ((v & 0x001F) == 31) {
            v = (v & ~0x001F) ^ 0x0400;
        } else {
            v++;
        }
    }

    /**
     * Y increment at dot 256: fine Y, overflowing into coarse Y; coarse Y 29 wraps to 0 and
     * switches the vertical nametable (bit 11); coarse Y 31 wraps to 0 without switching.
     */
    public void incrementY() {
        if ((v & 0x7000) != 0x7000) {
            v += 0x1000;
            return;
        }
        v &= ~0x7000;
        int y = (v & 0x03E0) >> 5;
        if (y == 29) {
            y = 0;
            v ^= 0x0800;
        } else if (y == 31) {
            y = 0;
        } else {
            y++;
        }
        v = (v & ~0x03E0) | (y << 5);
    }

    /** Dot 257: v's horizontal bits (coarse X, nametable X) = t's. */
    public void copyX() {
        v = (v & ~0x041F) | (t & 0x041F);
    }

    /** Pre-render dots 280-304: v's vertical bits (fine Y, nametable Y, coarse Y) = t's. */
    public void copyY() {
        v = (v & ~0x7BE0) | (t & 0x7BE0);
    }

    /** $2007 access outside rendering: v += 1 or 32. */
    public void incrementAddress(int step) {
        v = (v + step) & 0x7FFF;
    }

    void save(dev.machina.core.state.StateWriter out) {
        out.u16(v).u16(t).u8(x).bool(w);
    }

    void load(int v, int t, int x, boolean w) {
        this.v = v & 0x7FFF;
        this.t = t & 0x7FFF;
        this.x = x & 7;
        this.w = w;
    }

    /** Power-up/reset: all zero. */
    public void reset() {
        v = 0;
        t = 0;
        x = 0;
        w = false;
    }
}
