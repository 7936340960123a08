package dev.machina.cpu.z80;

import dev.machina.core.state.StateException;
import dev.machina.core.state.StateReader;
import dev.machina.core.state.StateWriter;

/**
 * The Z80's architectural state, shared by every engine: the main and alternate register sets,
 * the index registers, SP, PC, I, R, the interrupt flip-flops and mode, and the hidden state that
 * affects later instructions (MEMPTR/WZ, Q, the EI delay, the LD A,I/R flag, HALT).
 *
 * <p>8-bit registers live in {@link #r}, indexed by the Z80's own 3-bit register code (B=0, C=1,
 * D=2, E=3, H=4, L=5, A=7), then IXH=8, IXL=9, IYH=10, IYL=11; index 6 is unused (code 6 means
 * (HL) in the ISA). F is {@link #f}. All values are kept in range (8-bit values 0..255, 16-bit
 * 0..65535). Follows Zilog UM0080 (Z80 CPU User Manual) and Sean Young, "The Undocumented Z80
 * Documented" v0.91, for the hidden registers.
 */
public final class Z80State {
    /** Indexes into {@link #r}. */
    public static final int B = 0, C = 1, D = 2, E = 3, H = 4, L = 5, A = 7, IXH = 8, IXL = 9, IYH = 10, IYL = 11;
    /** Register-pair codes used by the decode tables. */
    public static final int BC = 0, DE = 1, HL = 2, SP = 3, AF = 4, IX = 5, IY = 6;

    /** Flag bits of F. */
    public static final int FLAG_C = 0x01, FLAG_N = 0x02, FLAG_PV = 0x04, FLAG_X = 0x08, FLAG_H = 0x10, FLAG_Y = 0x20,
            FLAG_Z = 0x40, FLAG_S = 0x80;

    /** 8-bit registers by code (see class comment), each 0..255. */
    public final int[] r = new int[12];
    /** Flags register F, 0..255. */
    public int f;
    /** Alternate set AF', BC', DE', HL', each 0..65535. */
    public int af2, bc2, de2, hl2;
    /** Stack pointer and program counter, 0..65535. */
    public int sp, pc;
    /** Interrupt vector register I and memory refresh register R, 0..255 (R bit 7 is only changed by LD R,A). */
    public int i, rr;
    /** MEMPTR, the internal WZ register, 0..65535. */
    public int wz;
    /** Interrupt flip-flops. */
    public boolean iff1, iff2;
    /** Interrupt mode 0, 1 or 2. */
    public int im;
    /** Q: F as written by the last instruction if it wrote F, else 0 (SCF/CCF read it for X/Y). */
    public int q;
    /** True right after EI: a maskable interrupt is not accepted before the next instruction. */
    public boolean ei;
    /** True right after LD A,I or LD A,R: an interrupt accepted now clears P/V (NMOS behaviour). */
    public boolean p;
    /** True while halted (PC already points past the HALT). */
    public boolean halted;

    public int bc() {
        return r[B] << 8 | r[C];
    }

    public int de() {
        return r[D] << 8 | r[E];
    }

    public int hl() {
        return r[H] << 8 | r[L];
    }

    public int af() {
        return r[A] << 8 | f;
    }

    /** Register pair {@code code} ({@link #BC} .. {@link #IY}), 0..65535. */
    public int pair(int code) {
        return switch (code) {
            case BC -> r[B] << 8 | r[C];
            case DE -> r[D] << 8 | r[E];
            case HL -> r[H] << 8 | r[L];
            case SP -> sp;
            case AF -> r[A] << 8 | f;
            case IX -> r[IXH] << 8 | r[IXL];
            default -> r[IYH] << 8 | r[IYL];
        };
    }

    /** Sets register pair {@code code} to the low 16 bits of {@code v}. */
    public void setPair(int code, int v) {
        switch (code) {
            case SP -> sp = v & 0xFFFF;
            case AF -> {
                r[A] = (v >>> 8) & 0xFF;
                f = v & 0xFF;
            }
            default -> {
                int hi = PAIR_HIGH[code];
                r[hi] = (v >>> 8) & 0xFF;
                r[hi + 1] = v & 0xFF;
            }
        }
    }

    /** Index into {@link #r} of the high byte of a pair code (unused for SP and AF). */
    static final int[] PAIR_HIGH = {B, D, H, -1, -1, IXH, IYH};

    /** Power-on/reset state (UM0080: PC=0, I=R=0, IFF1=IFF2=0, IM 0; AF=SP=FFFF as commonly observed). */
    public void reset() {
        java.util.Arrays.fill(r, 0xFF);
        f = 0xFF;
        af2 = bc2 = de2 = hl2 = 0xFFFF;
        sp = 0xFFFF;
        pc = 0;
        i = rr = 0;
        wz = 0;
        iff1 = iff2 = false;
        im = 0;
        q = 0;
        ei = p = halted = false;
    }

    /** Increments the low 7 bits of R, keeping bit 7 (one M1 cycle). */
    public void incR() {
        rr = (rr & 0x80) | ((rr + 1) & 0x7F);
    }

    void save(StateWriter out) {
        for (int v : r) {
            out.u8(v);
        }
        out.u8(f).u16(af2).u16(bc2).u16(de2).u16(hl2).u16(sp).u16(pc).u8(i).u8(rr).u16(wz)
                .bool(iff1).bool(iff2).u8(im).u8(q).bool(ei).bool(p).bool(halted);
    }

    void load(StateReader in) throws StateException {
        for (int k = 0; k < r.length; k++) {
            r[k] = in.u8();
        }
        f = in.u8();
        af2 = in.u16();
        bc2 = in.u16();
        de2 = in.u16();
        hl2 = in.u16();
        sp = in.u16();
        pc = in.u16();
        i = in.u8();
        rr = in.u8();
        wz = in.u16();
        iff1 = in.bool();
        iff2 = in.bool();
        int mode = in.u8();
        if (mode > 2) {
            throw new StateException("z80: interrupt mode " + mode + " outside 0..2");
        }
        im = mode;
        q = in.u8();
        ei = in.bool();
        p = in.bool();
        halted = in.bool();
    }
}
