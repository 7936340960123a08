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

    /** Stores a packed {@code value | flags << 8} result's flags into F (marking Q) and returns the value. */
    private static int apply8(Z80State s, int packed) {
        s.f = packed >>> 8;
        s.qMark = s.icount;
        return packed & 0xFF;
    }

    // ---------------------------------------------------------------- pure semantics
    // Each returns its result packed with the new F ({@code value | F << 8}, or {@code << 16} for
    // 16-bit values) and takes the old F, so an engine that keeps A and F in JVM locals (the
    // recompiler) calls the same code as the interpreter's state-based wrappers below.

    /**
     * The eight ALU operations ({@code op} 0..7: ADD ADC SUB SBC AND XOR OR CP) of {@code v} into
     * {@code a} with flags {@code f}; returns {@code A' | F' << 8} (A' = a for CP, whose X/Y come
     * from the operand).
     */
    public static int aluOp(int op, int a, int v, int f) {
        int res;
        if (op >= 4 && op != 7) {
            res = op == 4 ? a & v : op == 5 ? a ^ v : a | v;
            f = SZ53P[res] | (op == 4 ? FLAG_H : 0);
        } else if (op < 2) {
            int sum = a + v + (op == 1 ? f & FLAG_C : 0);
            res = sum & 0xFF;
            f = SZ53[res] | ((sum >> 8) & FLAG_C) | ((a ^ v ^ sum) & FLAG_H) | ((((a ^ ~v) & (a ^ sum)) >> 5) & FLAG_PV);
        } else {
            int diff = a - v - (op == 3 ? f & FLAG_C : 0);
            res = diff & 0xFF;
            f = SZ53[res] | ((diff >> 8) & FLAG_C) | FLAG_N | ((a ^ v ^ diff) & FLAG_H) | ((((a ^ v) & (a ^ diff)) >> 5) & FLAG_PV);
            if (op == 7) {
                f = (f & ~(FLAG_X | FLAG_Y)) | (v & (FLAG_X | FLAG_Y));
                res = a;
            }
        }
        return res | f << 8;
    }

    /** INC of an 8-bit value (carry kept); returns {@code result | F << 8}. */
    public static int incOp(int v, int f) {
        int r8 = (v + 1) & 0xFF;
        return r8 | ((f & FLAG_C) | SZ53[r8] | ((r8 & 0x0F) == 0 ? FLAG_H : 0) | (r8 == 0x80 ? FLAG_PV : 0)) << 8;
    }

    /** DEC of an 8-bit value (carry kept); returns {@code result | F << 8}. */
    public static int decOp(int v, int f) {
        int r8 = (v - 1) & 0xFF;
        return r8 | ((f & FLAG_C) | FLAG_N | SZ53[r8] | ((v & 0x0F) == 0 ? FLAG_H : 0) | (v == 0x80 ? FLAG_PV : 0)) << 8;
    }

    /** ADD HL,rp (and IX/IY): S, Z, P/V kept; H from bit 11; X/Y from the high byte. Returns {@code result | F << 16}. */
    public static int add16Op(int a, int b, int f) {
        int res = a + b;
        return (res & 0xFFFF) | ((f & (FLAG_S | FLAG_Z | FLAG_PV)) | ((res >> 16) & FLAG_C) | ((res >> 8) & (FLAG_X | FLAG_Y))
                | (((a ^ b ^ res) >> 8) & FLAG_H)) << 16;
    }

    /** ADC HL,rp; returns {@code result | F << 16}. */
    public static int adc16Op(int a, int b, int f) {
        int res = a + b + (f & FLAG_C);
        int r16 = res & 0xFFFF;
        return r16 | (((res >> 8) & (FLAG_S | FLAG_X | FLAG_Y)) | (r16 == 0 ? FLAG_Z : 0) | ((res >> 16) & FLAG_C)
                | (((a ^ b ^ res) >> 8) & FLAG_H) | ((((a ^ ~b) & (a ^ res)) >> 13) & FLAG_PV)) << 16;
    }

    /** SBC HL,rp; returns {@code result | F << 16}. */
    public static int sbc16Op(int a, int b, int f) {
        int res = a - b - (f & FLAG_C);
        int r16 = res & 0xFFFF;
        return r16 | (((res >> 8) & (FLAG_S | FLAG_X | FLAG_Y)) | (r16 == 0 ? FLAG_Z : 0) | ((res >> 16) & FLAG_C) | FLAG_N
                | (((a ^ b ^ res) >> 8) & FLAG_H) | ((((a ^ b) & (a ^ res)) >> 13) & FLAG_PV)) << 16;
    }

    /** CB-page shifts and rotates ({@code op} 0..7: RLC RRC RL RR SLA SRA SLL SRL); returns {@code result | F << 8}. */
    public static int rotOp(int op, int v, int f) {
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
                res = (v << 1 | (f & FLAG_C)) & 0xFF;
            }
            case 3 -> {
                c = v & 1;
                res = v >> 1 | (f & FLAG_C) << 7;
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
        return res | (SZ53P[res] | c) << 8;
    }

    /** RLCA, RRCA, RLA, RRA ({@code op} 0..3) on {@code a}: S, Z, P/V kept, X/Y from the result; returns {@code A' | F << 8}. */
    public static int rotAOp(int op, int a, int f) {
        int res, c;
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
                res = (a << 1 | (f & FLAG_C)) & 0xFF;
            }
            default -> {
                c = a & 1;
                res = a >> 1 | (f & FLAG_C) << 7;
            }
        }
        return res | ((f & (FLAG_S | FLAG_Z | FLAG_PV)) | (res & (FLAG_X | FLAG_Y)) | c) << 8;
    }

    /** BIT n,v; {@code xy} supplies X/Y (the operand for registers, WZ's high byte for memory forms); returns F. */
    public static int bitOp(int n, int v, int xy, int f) {
        int set = v & (1 << n);
        return (f & FLAG_C) | FLAG_H | (xy & (FLAG_X | FLAG_Y)) | (set == 0 ? FLAG_Z | FLAG_PV : (n == 7 ? FLAG_S : 0));
    }

    /** DAA (Young, section 4.7); returns {@code A' | F << 8}. */
    public static int daaOp(int a, int f) {
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
        return res | (SZ53P[res] | c | h | (f & FLAG_N)) << 8;
    }

    /** CPL; returns {@code A' | F << 8}. */
    public static int cplOp(int a, int f) {
        int res = a ^ 0xFF;
        return res | ((f & (FLAG_S | FLAG_Z | FLAG_PV | FLAG_C)) | FLAG_H | FLAG_N | (res & (FLAG_X | FLAG_Y))) << 8;
    }

    // ---------------------------------------------------------------- on the state (interpreter)

    /**
     * The eight ALU operations on A ({@code op} 0..7: ADD ADC SUB SBC AND XOR OR CP) with operand
     * {@code v}; sets A except for CP (see {@link #aluOp}).
     */
    public static void alu(Z80State s, int op, int v) {
        s.r[A] = apply8(s, aluOp(op, s.r[A], v, s.f));
    }

    /** NEG: A = 0 - A, flags as SUB. */
    public static void neg(Z80State s) {
        s.r[A] = apply8(s, aluOp(2, 0, s.r[A], s.f));
    }

    /** INC r: carry kept. */
    public static int inc8(Z80State s, int v) {
        return apply8(s, incOp(v, s.f));
    }

    /** DEC r: carry kept. */
    public static int dec8(Z80State s, int v) {
        return apply8(s, decOp(v, s.f));
    }

    /** ADD HL,rp (and IX/IY), see {@link #add16Op}. */
    public static int add16(Z80State s, int a, int b) {
        int x = add16Op(a, b, s.f);
        setF(s, x >>> 16);
        return x & 0xFFFF;
    }

    /** ADC HL,rp. */
    public static int adc16(Z80State s, int a, int b) {
        int x = adc16Op(a, b, s.f);
        setF(s, x >>> 16);
        return x & 0xFFFF;
    }

    /** SBC HL,rp. */
    public static int sbc16(Z80State s, int a, int b) {
        int x = sbc16Op(a, b, s.f);
        setF(s, x >>> 16);
        return x & 0xFFFF;
    }

    /** CB-page shifts and rotates, see {@link #rotOp}. */
    public static int rot(Z80State s, int op, int v) {
        return apply8(s, rotOp(op, v, s.f));
    }

    /** RLCA, RRCA, RLA, RRA ({@code op} 0..3) on A. */
    public static void rotA(Z80State s, int op) {
        s.r[A] = apply8(s, rotAOp(op, s.r[A], s.f));
    }

    /** BIT n,v, see {@link #bitOp}. */
    public static void bit(Z80State s, int n, int v, int xy) {
        setF(s, bitOp(n, v, xy, s.f));
    }

    /** DAA: decimal adjust A after an addition or subtraction. */
    public static void daa(Z80State s) {
        s.r[A] = apply8(s, daaOp(s.r[A], s.f));
    }

    /** CPL. */
    public static void cpl(Z80State s) {
        s.r[A] = apply8(s, cplOp(s.r[A], s.f));
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
        setF(s, ldiOp(s.f, v, s.r[A], bc));
    }

    /** LDI/LDD: F after moving {@code v} with A = {@code a} and BC (after the decrement) = {@code bc}. */
    public static int ldiOp(int f, int v, int a, int bc) {
        int n = v + a;
        return (f & (FLAG_S | FLAG_Z | FLAG_C)) | (bc != 0 ? FLAG_PV : 0) | (n & FLAG_X) | ((n << 4) & FLAG_Y);
    }

    /**
     * F of a repeating block instruction's step (LDIR, CPIR, ...: interrupted block flags,
     * hoglet67 Z80Decoder wiki): X/Y from the high byte of the instruction's address {@code pc}.
     */
    public static int blockRepeatOp(int f, int pc) {
        return (f & ~(FLAG_X | FLAG_Y)) | ((pc >> 8) & (FLAG_X | FLAG_Y));
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
