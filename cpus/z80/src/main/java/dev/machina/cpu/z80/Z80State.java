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
    /** Interrupt vector register I, 0..255. */
    public int i;
    /**
     * Memory refresh counter, kept relative to {@link #icount}: R's low 7 bits are
     * {@code (rr + icount) & 0x7F}. Every instruction, interrupt entry and halted M1 cycle that
     * {@code icount} counts has exactly one M1 cycle of its own, so an engine adds to {@code rr}
     * only the further M1 cycles of prefixes (CB, ED, DD, FD) and nothing per instruction; other
     * bits are ignored. R's bit 7 is {@link #r7}. Read R with {@link #r()}, set it with {@link #setR}.
     */
    public int rr;
    /** R's bit 7 (0 or 80H), changed only by LD R,A. */
    public int r7;
    /** MEMPTR, the internal WZ register, 0..65535. */
    public int wz;
    /** Interrupt flip-flops. */
    public boolean iff1, iff2;
    /** Interrupt mode 0, 1 or 2. */
    public int im;
    /**
     * Instructions started (each instruction, interrupt entry and halted M1 cycle counts one). The
     * hidden one-instruction flags below are kept as "the instruction number that set it", so no
     * per-instruction work clears them.
     */
    public long icount;
    /** Marks meaning "never". */
    static final long NONE = Long.MIN_VALUE;
    /** Number of the last instruction that wrote F. Q (SCF/CCF read it for X/Y) is F if that is the latest instruction, else 0. */
    public long qMark = NONE;
    /** Number of the last EI: while it is the latest instruction, a maskable interrupt is not accepted. */
    public long eiMark = NONE;
    /** Number of the last LD A,I / LD A,R: an interrupt accepted right after it clears P/V (NMOS behaviour). */
    public long pMark = NONE;
    /** True while halted (PC already points past the HALT). */
    public boolean halted;

    /** R, 0..255. */
    public int r() {
        return ((rr + (int) icount) & 0x7F) | r7;
    }

    /** Sets R (LD R,A). */
    public void setR(int v) {
        rr = (v - (int) icount) & 0x7F;
        r7 = v & 0x80;
    }

    /** Q after the latest instruction: F if it wrote F, else 0. */
    public int q() {
        return qMark == icount ? f : 0;
    }

    /** Q as the instruction before the current one left it (read by SCF/CCF while executing). */
    public int lastQ() {
        return qMark == icount - 1 ? f : 0;
    }

    /** Sets Q: on the chip Q is either 0 or F, so any non-zero value means "F was just written". */
    public void setQ(int v) {
        qMark = v != 0 ? icount : NONE;
    }

    /** True when the latest instruction was EI. */
    public boolean ei() {
        return eiMark == icount;
    }

    /** Marks (true) or unmarks the latest instruction as EI. */
    public void setEi(boolean v) {
        eiMark = v ? icount : NONE;
    }

    /** True when the latest instruction was LD A,I or LD A,R. */
    public boolean p() {
        return pMark == icount;
    }

    /** Marks (true) or unmarks the latest instruction as LD A,I / LD A,R. */
    public void setP(boolean v) {
        pMark = v ? icount : NONE;
    }

    /** BC, 0..65535. */
    public int bc() {
        return r[B] << 8 | r[C];
    }

    /** DE, 0..65535. */
    public int de() {
        return r[D] << 8 | r[E];
    }

    /** HL, 0..65535. */
    public int hl() {
        return r[H] << 8 | r[L];
    }

    /** AF, 0..65535. */
    public int af() {
        return r[A] << 8 | f;
    }

    /** Register pair {@code code} ({@link #BC} .. {@link #IY}), 0..65535. */
    public int pair(int code) {
        if (code == SP) {
            return sp;
        }
        if (code == AF) {
            return r[A] << 8 | f;
        }
        int hi = PAIR_HIGH[code];
        return r[hi] << 8 | r[hi + 1];
    }

    /** Sets register pair {@code code} to the low 16 bits of {@code v}. */
    public void setPair(int code, int v) {
        if (code == SP) {
            sp = v & 0xFFFF;
        } else if (code == AF) {
            r[A] = (v >>> 8) & 0xFF;
            f = v & 0xFF;
        } else {
            int hi = PAIR_HIGH[code];
            r[hi] = (v >>> 8) & 0xFF;
            r[hi + 1] = v & 0xFF;
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
        i = 0;
        setR(0);
        wz = 0;
        iff1 = iff2 = false;
        im = 0;
        qMark = eiMark = pMark = NONE;
        halted = false;
    }

    void save(StateWriter out) {
        for (int v : r) {
            out.u8(v);
        }
        out.u8(f).u16(af2).u16(bc2).u16(de2).u16(hl2).u16(sp).u16(pc).u8(i).u8(r()).u16(wz)
                .bool(iff1).bool(iff2).u8(im).u8(q()).bool(ei()).bool(p()).bool(halted);
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
        setR(in.u8());
        wz = in.u16();
        iff1 = in.bool();
        iff2 = in.bool();
        int mode = in.u8();
        if (mode > 2) {
            throw new StateException("z80: interrupt mode " + mode + " outside 0..2");
        }
        im = mode;
        setQ(in.u8());
        setEi(in.bool());
        setP(in.bool());
        halted = in.bool();
    }
}
