package dev.machina.cpu.z80;

import static dev.machina.cpu.z80.Z80State.*;

/**
 * The Z80's arithmetic and flag semantics, defined once as static helpers that the interpreter
 * (and later the recompiler) call. Each takes the state, updates F (and and marks Q as written) and returns the result where there is one. Values are 0..255
 * (8-bit) or 0..65535 (16-bit). The undocumented flags X (bit 3) and Y (bit 5) follow Sean Young,
 * "The Undocumented Z80 Documented" v0.91, section 4, and the Q behaviour of SCF/CCF follows
 * the 2018 findings (github.com/hoglet67/Z80Decoder wiki, "Undocumented Flags").
 */
public final class Z80Alu {
    private Z80Alu() {
    }

    /** S, Z, Y, X of an 8-bit value. */
    static final int[] SZ53 = new int[256];
    /** S, Z, Y, X and P (even parity) of an 8-bit value. */
    static final int[] SZ53P = new int[256];

    static {
        for (int v = 0; v < 256; v++) {
            int sz53 = (v & (FLAG_S | FLAG_Y | FLAG_X)) | (v == 0 ? FLAG_Z : 0);
            SZ53[v] = sz53;
            SZ53P[v] = sz53 | (Integer.bitCount(v) % 2 == 0 ? FLAG_PV : 0);
        }
    }

    private static int setF(Z80State s, int f) {
        s.f = f;
        s.qMark = s.icount;
        return f;
    }

    /**
     * The eight ALU operations on A ({@code op} 0..7: ADD ADC SUB SBC AND XOR OR CP) with operand
     * {@code v}; sets A except for CP, whose X/Y come from the operand. Straight-line code without
     * calls (the interpreter reaches it from a switch, where HotSpot inlines only tiny callees).
     */
    public static void alu(Z80State s, int op, int v) {
        int a = s.r[A];
        int f;
        if (op >= 4 && op != 7) {
            int res = op == 4 ? a & v : op == 5 ? a ^ v : a | v;
            s.r[A] = res;
            f = SZ53P[res] | (op == 4 ? FLAG_H : 0);
        } else if (op < 2) {
            int res = a + v + (op == 1 ? s.f & FLAG_C : 0);
            int r8 = res & 0xFF;
            s.r[A] = r8;
            f = SZ53[r8] | ((res >> 8) & FLAG_C) | ((a ^ v ^ res) & FLAG_H) | ((((a ^ ~v) & (a ^ res)) >> 5) & FLAG_PV);
        } else {
            int res = a - v - (op == 3 ? s.f & FLAG_C : 0);
            int r8 = res & 0xFF;
            f = SZ53[r8] | ((res >> 8) & FLAG_C) | FLAG_N | ((a ^ v ^ res) & FLAG_H) | ((((a ^ v) & (a ^ res)) >> 5) & FLAG_PV);
            if (op == 7) {
                f = (f & ~(FLAG_X | FLAG_Y)) | (v & (FLAG_X | FLAG_Y));
            } else {
                s.r[A] = r8;
            }
        }
        s.f = f;
        s.qMark = s.icount;
    }

    /** NEG: A = 0 - A, flags as SUB. */
    public static void neg(Z80State s) {
        int v = s.r[A];
        s.r[A] = 0;
        alu(s, 2, v);
    }

    /** INC r: carry kept. */
    public static int inc8(Z80State s, int v) {
        int r8 = (v + 1) & 0xFF;
        setF(s, (s.f & FLAG_C) | SZ53[r8] | ((r8 & 0x0F) == 0 ? FLAG_H : 0) | (r8 == 0x80 ? FLAG_PV : 0));
        return r8;
    }

    /** DEC r: carry kept. */
    public static int dec8(Z80State s, int v) {
        int r8 = (v - 1) & 0xFF;
        setF(s, (s.f & FLAG_C) | FLAG_N | SZ53[r8] | ((v & 0x0F) == 0 ? FLAG_H : 0) | (v == 0x80 ? FLAG_PV : 0));
        return r8;
    }

    /** ADD HL,rp (and IX/IY): S, Z, P/V kept; H from bit 11; X/Y from the high byte. */
    public static int add16(Z80State s, int a, int b) {
        int res = a + b;
        setF(s, (s.f & (FLAG_S | FLAG_Z | FLAG_PV)) | ((res >> 16) & FLAG_C) | ((res >> 8) & (FLAG_X | FLAG_Y))
                | (((a ^ b ^ res) >> 8) & FLAG_H));
        return res & 0xFFFF;
    }

    /** ADC HL,rp. */
    public static int adc16(Z80State s, int a, int b) {
        int res = a + b + (s.f & FLAG_C);
        int r16 = res & 0xFFFF;
        setF(s, ((res >> 8) & (FLAG_S | FLAG_X | FLAG_Y)) | (r16 == 0 ? FLAG_Z : 0) | ((res >> 16) & FLAG_C)
                | (((a ^ b ^ res) >> 8) & FLAG_H) | ((((a ^ ~b) & (a ^ res)) >> 13) & FLAG_PV));
        return r16;
    }

    /** SBC HL,rp. */
    public static int sbc16(Z80State s, int a, int b) {
        int res = a - b - (s.f & FLAG_C);
        int r16 = res & 0xFFFF;
        setF(s, ((res >> 8) & (FLAG_S | FLAG_X | FLAG_Y)) | (r16 == 0 ? FLAG_Z : 0) | ((res >> 16) & FLAG_C) | FLAG_N
                | (((a ^ b ^ res) >> 8) & FLAG_H) | ((((a ^ b) & (a ^ res)) >> 13) & FLAG_PV));
        return r16;
    }

    /** CB-page shifts and rotates ({@code op} 0..7: RLC RRC RL RR SLA SRA SLL SRL). */
    public static int rot(Z80State s, int op, int v) {
        int res, c;
        switch (op) {
            case 0 -> {
                c = v >> 7;
                res = (v << 1 | c) & 0xFF;
            }
            case 1 -> {
                c = v & 1;
                res = (v >> 1 | c << 7);
            }
            case 2 -> {
                c = v >> 7;
                res = (v << 1 | (s.f & FLAG_C)) & 0xFF;
            }
            case 3 -> {
                c = v & 1;
                res = v >> 1 | (s.f & FLAG_C) << 7;
            }
            case 4 -> {
                c = v >> 7;
                res = (v << 1) & 0xFF;
            }
            case 5 -> {
                c = v & 1;
                res = v >> 1 | (v & 0x80);
            }
            case 6 -> {
                c = v >> 7;
                res = (v << 1 | 1) & 0xFF;
            }
            default -> {
                c = v & 1;
                res = v >> 1;
            }
        }
        setF(s, SZ53P[res] | c);
        return res;
    }

    /** RLCA, RRCA, RLA, RRA ({@code op} 0..3) on A: S, Z, P/V kept, X/Y from the result. */
    public static void rotA(Z80State s, int op) {
        int a = s.r[A], res, c;
        switch (op) {
            case 0 -> {
                c = a >> 7;
                res = (a << 1 | c) & 0xFF;
            }
            case 1 -> {
                c = a & 1;
                res = a >> 1 | c << 7;
            }
            case 2 -> {
                c = a >> 7;
                res = (a << 1 | (s.f & FLAG_C)) & 0xFF;
            }
            default -> {
                c = a & 1;
                res = a >> 1 | (s.f & FLAG_C) << 7;
            }
        }
        s.r[A] = res;
        setF(s, (s.f & (FLAG_S | FLAG_Z | FLAG_PV)) | (res & (FLAG_X | FLAG_Y)) | c);
    }

    /** BIT n,v; {@code xy} supplies X/Y (the operand for registers, WZ's high byte for memory forms). */
    public static void bit(Z80State s, int n, int v, int xy) {
        int set = v & (1 << n);
        setF(s, (s.f & FLAG_C) | FLAG_H | (xy & (FLAG_X | FLAG_Y)) | (set == 0 ? FLAG_Z | FLAG_PV : (n == 7 ? FLAG_S : 0)));
    }

    /** DAA: decimal adjust A after an addition or subtraction (Young, section 4.7). */
    public static void daa(Z80State s) {
        int a = s.r[A], f = s.f;
        int diff = 0;
        int c = 0;
        if ((f & FLAG_H) != 0 || (a & 0x0F) > 9) {
            diff = 0x06;
        }
        if ((f & FLAG_C) != 0 || a > 0x99) {
            diff |= 0x60;
            c = FLAG_C;
        }
        boolean n = (f & FLAG_N) != 0;
        int h;
        if (n) {
            h = (f & FLAG_H) != 0 && (a & 0x0F) < 6 ? FLAG_H : 0;
        } else {
            h = (a & 0x0F) > 9 ? FLAG_H : 0;
        }
        int res = (n ? a - diff : a + diff) & 0xFF;
        s.r[A] = res;
        setF(s, SZ53P[res] | c | h | (f & FLAG_N));
    }

    /** CPL. */
    public static void cpl(Z80State s) {
        int res = s.r[A] ^ 0xFF;
        s.r[A] = res;
        setF(s, (s.f & (FLAG_S | FLAG_Z | FLAG_PV | FLAG_C)) | FLAG_H | FLAG_N | (res & (FLAG_X | FLAG_Y)));
    }

    /** SCF: X/Y = ((Q xor F) or A), where {@code lastQ} is Q as the previous instruction left it. */
    public static void scf(Z80State s, int lastQ) {
        int f = s.f;
        setF(s, (f & (FLAG_S | FLAG_Z | FLAG_PV)) | FLAG_C | (((lastQ ^ f) | s.r[A]) & (FLAG_X | FLAG_Y)));
    }

    /** CCF: H = old C, C inverted; X/Y as for SCF. */
    public static void ccf(Z80State s, int lastQ) {
        int f = s.f;
        setF(s, (f & (FLAG_S | FLAG_Z | FLAG_PV)) | ((f & FLAG_C) << 4) | ((f & FLAG_C) ^ FLAG_C)
                | (((lastQ ^ f) | s.r[A]) & (FLAG_X | FLAG_Y)));
    }

    /** Flags of IN r,(C) and LD A,I / LD A,R style results: carry kept, S Z Y X P from {@code v} (P replaced by {@code pv} when >= 0). */
    public static void inFlags(Z80State s, int v) {
        setF(s, (s.f & FLAG_C) | SZ53P[v]);
    }

    /** LD A,I / LD A,R: P/V = IFF2. */
    public static void ldAirFlags(Z80State s, int v) {
        setF(s, (s.f & FLAG_C) | SZ53[v] | (s.iff2 ? FLAG_PV : 0));
    }

    /** RRD/RLD: carry kept, S Z Y X P from A. */
    public static void rdFlags(Z80State s) {
        setF(s, (s.f & FLAG_C) | SZ53P[s.r[A]]);
    }

    /** LDI/LDD flags after the transfer of {@code v}; {@code bc} is BC after the decrement. */
    public static void ldiFlags(Z80State s, int v, int bc) {
        int n = v + s.r[A];
        setF(s, (s.f & (FLAG_S | FLAG_Z | FLAG_C)) | (bc != 0 ? FLAG_PV : 0) | (n & FLAG_X) | ((n << 4) & FLAG_Y));
    }

    /** CPI/CPD flags comparing A with {@code v}; {@code bc} is BC after the decrement. */
    public static void cpiFlags(Z80State s, int v, int bc) {
        int a = s.r[A];
        int res = (a - v) & 0xFF;
        int h = (a ^ v ^ res) & FLAG_H;
        int n = res - (h >> 4);
        setF(s, (s.f & FLAG_C) | FLAG_N | h | (SZ53[res] & (FLAG_S | FLAG_Z)) | (bc != 0 ? FLAG_PV : 0)
                | (n & FLAG_X) | ((n << 4) & FLAG_Y));
    }

    /**
     * INI/IND/OUTI/OUTD flags (Young, section 4.3): {@code v} the byte moved, {@code k} the sum that
     * sets H and C (value plus C&plusmn;1 for input, plus L for output), {@code b} B after the
     * decrement.
     */
    public static void ioBlockFlags(Z80State s, int v, int k, int b) {
        int hc = k > 0xFF ? FLAG_H | FLAG_C : 0;
        setF(s, SZ53[b] | ((v >> 6) & FLAG_N) | hc | (SZ53P[(k & 7) ^ b] & FLAG_PV));
    }

    /**
     * Flags of a repeating INIR/INDR/OTIR/OTDR step (interrupted block I/O, hoglet67 Z80Decoder
     * wiki): X/Y from PC's high byte, P/V and H adjusted by the B the next iteration will see.
     *
     * @param pc the instruction's address (already rewound)
     */
    public static void ioRepeatFlags(Z80State s, int pc) {
        int f = s.f;
        int b = s.r[B];
        f = (f & ~(FLAG_X | FLAG_Y)) | ((pc >> 8) & (FLAG_X | FLAG_Y));
        if ((f & FLAG_C) != 0) {
            int pv;
            if ((f & FLAG_N) != 0) {
                pv = parity((b - 1) & 7);
                f = (f & ~FLAG_H) | ((b & 0x0F) == 0x00 ? FLAG_H : 0);
            } else {
                pv = parity((b + 1) & 7);
                f = (f & ~FLAG_H) | ((b & 0x0F) == 0x0F ? FLAG_H : 0);
            }
            f ^= (pv ^ FLAG_PV) & FLAG_PV;
        } else {
            f ^= (parity(b & 7) ^ FLAG_PV) & FLAG_PV;
        }
        setF(s, f);
    }

    /** FLAG_PV when {@code v} (0..255) has even parity, else 0. */
    static int parity(int v) {
        return SZ53P[v & 0xFF] & FLAG_PV;
    }

    /** Bit numbers in F of the flags the condition pairs test, 4 bits each: Z (6), C (0), P/V (2), S (7). */
    private static final int COND_BITS = 0x7206;

    /** Condition {@code cc} 0..7 (NZ Z NC C PO PE P M) on F: the flag's bit equals cc's low bit. */
    public static boolean condition(int f, int cc) {
        return ((f >> ((COND_BITS >> ((cc & 6) << 1)) & 15)) & 1) == (cc & 1);
    }
}
