package dev.machina.cpu.x86;

import static dev.machina.cpu.x86.X86State.AF;
import static dev.machina.cpu.x86.X86State.CF;
import static dev.machina.cpu.x86.X86State.OF;
import static dev.machina.cpu.x86.X86State.PF;
import static dev.machina.cpu.x86.X86State.SF;
import static dev.machina.cpu.x86.X86State.STATUS;
import static dev.machina.cpu.x86.X86State.ZF;

/**
 * The semantics of the x86 arithmetic, logic, shift and BCD instructions, defined once as
 * static helpers that the interpreter calls and that a recompiler can call from generated code.
 *
 * <p>Operands and results are unsigned values of {@code bits} bits (8, 16 or 32); each helper
 * updates the status flags of {@code s} as the instruction does, including the flags Intel
 * documents as undefined, which follow what the 8086 silicon does as recorded by the
 * SingleStepTests 8086 suite (github.com/SingleStepTests/8086).
 */
public final class Alu {
    /** ALU operation numbers in opcode order (bits 5..3 of opcodes 00..3F and of group 1). */
    public static final int ADD = 0, OR = 1, ADC = 2, SBB = 3, AND = 4, SUB = 5, XOR = 6, CMP = 7;

    private static final byte[] PARITY = new byte[256];

    static {
        for (int i = 0; i < 256; i++) {
            PARITY[i] = (byte) ((Integer.bitCount(i) & 1) == 0 ? PF : 0);
        }
    }

    private Alu() {
    }

    /** All-ones mask of an operand of {@code bits} bits. */
    public static int mask(int bits) {
        return bits == 32 ? -1 : (1 << bits) - 1;
    }

    /** The sign bit of an operand of {@code bits} bits. */
    public static int sign(int bits) {
        return 1 << (bits - 1);
    }

    /** SF, ZF and PF of {@code result} (already masked to {@code bits}). */
    public static int szp(int result, int bits) {
        return PARITY[result & 0xFF] | (result == 0 ? ZF : 0) | ((result >>> (bits - 8)) & SF);
    }

    private static void status(X86State s, int f) {
        s.flags = (s.flags & ~STATUS) | f;
    }

    /**
     * One of the eight ALU operations {@code op} ({@link #ADD}..{@link #CMP}) on {@code a} and
     * {@code b}; sets all six status flags (for the logic operations CF=OF=AF=0).
     *
     * @return the result, masked to {@code bits}; for CMP the difference (not written back)
     */
    public static int alu(X86State s, int op, int a, int b, int bits) {
        return switch (op) {
            case ADD -> add(s, a, b, 0, bits);
            case OR -> logic(s, a | b, bits);
            case ADC -> add(s, a, b, s.flags & CF, bits);
            case SBB -> sub(s, a, b, s.flags & CF, bits);
            case AND -> logic(s, a & b, bits);
            case XOR -> logic(s, a ^ b, bits);
            default -> sub(s, a, b, 0, bits); // SUB, CMP
        };
    }

    /** {@code a + b + carry} ({@code carry} 0 or 1) with all status flags. */
    public static int add(X86State s, int a, int b, int carry, int bits) {
        if (bits == 32) {
            return add32(s, a, b, carry);
        }
        int m = (1 << bits) - 1;
        a &= m;
        b &= m;
        int full = a + b + carry;
        int r = full & m;
        status(s, szp(r, bits) | ((full >>> bits) & CF) | ((a ^ b ^ r) & AF)
                | ((((r ^ a) & (r ^ b)) >>> (bits - 1)) & 1) << 11);
        return r;
    }

    private static int add32(X86State s, int a, int b, int carry) {
        long full = (a & 0xFFFFFFFFL) + (b & 0xFFFFFFFFL) + carry;
        int r = (int) full;
        int f = szp(r, 32);
        if ((full >>> 32) != 0) {
            f |= CF;
        }
        f |= (a ^ b ^ r) & AF;
        if (((r ^ a) & (r ^ b)) < 0) {
            f |= OF;
        }
        status(s, f);
        return r;
    }

    /** {@code a - b - borrow} ({@code borrow} 0 or 1) with all status flags. */
    public static int sub(X86State s, int a, int b, int borrow, int bits) {
        if (bits == 32) {
            return sub32(s, a, b, borrow);
        }
        int m = (1 << bits) - 1;
        a &= m;
        b &= m;
        int full = a - b - borrow;
        int r = full & m;
        status(s, szp(r, bits) | (full >>> 31) | ((a ^ b ^ r) & AF)
                | ((((a ^ b) & (a ^ r)) >>> (bits - 1)) & 1) << 11);
        return r;
    }

    private static int sub32(X86State s, int a, int b, int borrow) {
        long full = (a & 0xFFFFFFFFL) - (b & 0xFFFFFFFFL) - borrow;
        int r = (int) full;
        int f = szp(r, 32);
        if (full < 0) {
            f |= CF;
        }
        f |= (a ^ b ^ r) & AF;
        if (((a ^ b) & (a ^ r)) < 0) {
            f |= OF;
        }
        status(s, f);
        return r;
    }

    /** AND/OR/XOR/TEST result flags: SZP from the result, CF=OF=AF=0 (AF as the 8086 leaves it). */
    public static int logic(X86State s, int r, int bits) {
        r &= mask(bits);
        status(s, szp(r, bits));
        return r;
    }

    /** INC: like ADD 1 but CF unchanged. */
    public static int inc(X86State s, int a, int bits) {
        int cf = s.flags & CF;
        int r = add(s, a, 1, 0, bits);
        s.flags = (s.flags & ~CF) | cf;
        return r;
    }

    /** DEC: like SUB 1 but CF unchanged. */
    public static int dec(X86State s, int a, int bits) {
        int cf = s.flags & CF;
        int r = sub(s, a, 1, 0, bits);
        s.flags = (s.flags & ~CF) | cf;
        return r;
    }

    /** NEG: 0 - a. */
    public static int neg(X86State s, int a, int bits) {
        return sub(s, 0, a, 0, bits);
    }

    // ------------------------------------------------------------------ shifts and rotates

    /** Shift/rotate operation numbers (ModR/M reg field of D0..D3). */
    public static final int ROL = 0, ROR = 1, RCL = 2, RCR = 3, SHL = 4, SHR = 5, SETMO = 6, SAR = 7;

    /**
     * Shift or rotate {@code a} by {@code count} (0..255: the 8086 does not mask the count) as
     * group-2 operation {@code op}, one bit per step as the 8086 microcode loop does, so CF and OF
     * are those of the last step. A count of 0 changes nothing. {@link #SETMO} (the undocumented
     * /6 form) sets the operand to all ones.
     */
    public static int shift(X86State s, int op, int a, int count, int bits) {
        if (count == 0) {
            return a;
        }
        int r = a & mask(bits);
        return switch (op) {
            case ROL -> rol(s, r, count, bits);
            case ROR -> ror(s, r, count, bits);
            case RCL -> rcl(s, r, count, bits);
            case RCR -> rcr(s, r, count, bits);
            case SHL -> shl(s, r, count, bits);
            case SHR -> shr(s, r, count, bits);
            case SETMO -> setmo(s, bits);
            default -> sar(s, r, count, bits);
        };
    }

    /** ROL of {@code r} (masked) by {@code count} (1..255): CF = last bit out, OF = CF xor the new sign. */
    static int rol(X86State s, int r, int count, int bits) {
        int m = mask(bits);
        int sb = sign(bits);
        for (int i = 0; i < count; i++) {
            int c = (r & sb) != 0 ? 1 : 0;
            r = ((r << 1) | c) & m;
        }
        int f = (s.flags & ~CF) | (r & 1);
        s.flags = ofIf(f, (((r & sb) != 0) ? 1 : 0) != (r & 1));
        return r;
    }

    /** ROR of {@code r} (masked) by {@code count} (1..255): CF = the new sign, OF = the top two bits differ. */
    static int ror(X86State s, int r, int count, int bits) {
        int sb = sign(bits);
        for (int i = 0; i < count; i++) {
            int c = r & 1;
            r = (r >>> 1) | (c != 0 ? sb : 0);
        }
        int f = (s.flags & ~CF) | ((r & sb) != 0 ? CF : 0);
        s.flags = ofIf(f, ((r ^ (r << 1)) & sb) != 0);
        return r;
    }

    /** RCL of {@code r} (masked) through CF by {@code count} (1..255). */
    static int rcl(X86State s, int r, int count, int bits) {
        int m = mask(bits);
        int sb = sign(bits);
        int f = s.flags;
        int c = f & CF;
        for (int i = 0; i < count; i++) {
            int out = (r & sb) != 0 ? 1 : 0;
            r = ((r << 1) | c) & m;
            c = out;
        }
        f = (f & ~CF) | c;
        s.flags = ofIf(f, (((r & sb) != 0) ? 1 : 0) != c);
        return r;
    }

    /** RCR of {@code r} (masked) through CF by {@code count} (1..255). */
    static int rcr(X86State s, int r, int count, int bits) {
        int sb = sign(bits);
        int f = s.flags;
        int c = f & CF;
        for (int i = 0; i < count; i++) {
            int out = r & 1;
            r = (r >>> 1) | (c != 0 ? sb : 0);
            c = out;
        }
        f = (f & ~CF) | c;
        s.flags = ofIf(f, ((r ^ (r << 1)) & sb) != 0);
        return r;
    }

    /** SHL/SAL of {@code r} (masked) by {@code count} (1..255). */
    static int shl(X86State s, int r, int count, int bits) {
        int m = mask(bits);
        int sb = sign(bits);
        int c = 0;
        for (int i = 0; i < count; i++) {
            c = (r & sb) != 0 ? 1 : 0;
            r = (r << 1) & m;
        }
        // the 8086 shifts left by adding the operand to itself: AF is the carry out of bit 3
        int f = (s.flags & ~STATUS) | szp(r, bits) | c | (r & AF);
        s.flags = ofIf(f, (((r & sb) != 0) ? 1 : 0) != c);
        return r;
    }

    /** SHR of {@code r} (masked) by {@code count} (1..255): OF = the sign before the last step. */
    static int shr(X86State s, int r, int count, int bits) {
        int sb = sign(bits);
        int c = 0;
        int before = r;
        for (int i = 0; i < count; i++) {
            before = r;
            c = r & 1;
            r = r >>> 1;
        }
        int f = (s.flags & ~STATUS) | szp(r, bits) | c;
        s.flags = ofIf(f, (before & sb) != 0);
        return r;
    }

    /** SAR of {@code r} (masked) by {@code count} (1..255): OF = 0. */
    static int sar(X86State s, int r, int count, int bits) {
        int sb = sign(bits);
        int c = 0;
        for (int i = 0; i < count; i++) {
            c = r & 1;
            r = (r >>> 1) | (r & sb);
        }
        s.flags = (s.flags & ~STATUS) | szp(r, bits) | c;
        return r;
    }

    /** SETMO/SETMOC (undocumented /6, count not 0): all ones, flags as a logic result; CF, OF, AF 0. */
    static int setmo(X86State s, int bits) {
        int r = mask(bits);
        s.flags = (s.flags & ~STATUS) | szp(r, bits);
        return r;
    }

    private static int ofIf(int f, boolean on) {
        return on ? f | OF : f & ~OF;
    }

    // ------------------------------------------------------------------ multiply and divide

    /**
     * MUL/IMUL: the product of {@code a} (AL/AX) and {@code b}, 2*{@code bits} wide, as a long.
     * CF=OF=1 when the upper half is significant. {@code negate} is the 8086's undocumented
     * behaviour under a REP/REPNE prefix: IMUL's product comes out negated.
     */
    public static long mul(X86State s, int a, int b, int bits, boolean signed, boolean negate) {
        long m = mask(bits) & 0xFFFFFFFFL;
        long product;
        boolean significant;
        if (signed) {
            long sa = ((long) a << (64 - bits)) >> (64 - bits);
            long sbv = ((long) b << (64 - bits)) >> (64 - bits);
            product = sa * sbv;
            if (negate) {
                product = -product;
            }
            long low = (product << (64 - bits)) >> (64 - bits);
            significant = low != product;
        } else {
            product = (a & m) * (b & m);
            significant = (product >>> bits) != 0;
        }
        long both = product & ((1L << (2 * bits)) - 1);
        int high = (int) (both >>> bits) & (int) m;
        // The undefined SF ZF AF PF are those of the microcode's final check: for MUL the high
        // half itself, for IMUL high half + the low half's sign bit (SingleStepTests 8086).
        int low = (int) both & (int) m;
        int carry = signed && (low & sign(bits)) != 0 ? 1 : 0;
        add(s, high, 0, carry, bits);
        int f = s.flags & (SF | ZF | AF | PF);
        if (significant) {
            f |= CF | OF;
        }
        status(s, f);
        return both;
    }

    /**
     * DIV/IDIV of the {@code 2*bits}-bit {@code dividend} by {@code divisor}, as the 8086
     * microcode does it ({@link #cord}, {@link #idiv}), flags included.
     *
     * @param negate the 8086's undocumented REP/REPNE effect on IDIV: the quotient's sign flips
     * @return quotient in bits 0..bits-1 and remainder in bits bits..2*bits-1, or -1 when the
     *         8086 raises a divide error (divisor 0 or quotient out of range: 0..2^bits-1 for
     *         DIV, -(2^(bits-1)-1)..2^(bits-1)-1 for IDIV)
     */
    public static long div(X86State s, long dividend, int divisor, int bits, boolean signed, boolean negate) {
        int m = mask(bits);
        int hi = (int) (dividend >>> bits) & m;
        int lo = (int) dividend & m;
        return signed ? idiv(s, hi, lo, divisor & m, bits, negate) : cord(s, hi, lo, divisor & m, bits);
    }

    /**
     * The 8086's signed division microcode: the dividend and divisor are made positive (NEG,
     * tracking the quotient's sign in an internal flag that a REP prefix also toggles), divided
     * by {@link #cord}, and the quotient must then fit in bits-1 bits; the remainder takes the
     * dividend's sign and the quotient the tracked sign. Flags: those of {@link #cord}, then,
     * when the quotient fits, CF=OF=0; derived from the SingleStepTests 8086 recordings.
     */
    static long idiv(X86State s, int hi, int lo, int divisor, int bits, boolean rep) {
        int m = mask(bits);
        int sb = sign(bits);
        boolean negDividend = (hi & sb) != 0;
        boolean f1 = rep;
        if (negDividend) {
            lo = -lo & m;
            hi = ~hi & m;
            if (lo == 0) {
                hi = (hi + 1) & m;
            }
            f1 = !f1;
        }
        if ((divisor & sb) != 0) {
            divisor = -divisor & m;
            f1 = !f1;
        }
        long qr = cord(s, hi, lo, divisor, bits);
        if (qr < 0) {
            return -1;
        }
        int q = (int) qr & m;
        int r = (int) (qr >>> bits) & m;
        if ((q & sb) != 0) {
            return -1; // flags as CORD left them
        }
        s.flags &= ~(CF | OF); // the sign fix-up leaves CF=OF=0; the negations keep the flags
        if (negDividend) {
            r = -r & m;
        }
        if (f1) {
            q = -q & m;
        }
        return (q & (long) m) | ((long) r << bits);
    }

    /**
     * The 8086's unsigned division microcode (CORD), step by step, for its flags: a trial
     * subtraction of the divisor from the high half first (no borrow means the quotient does not
     * fit: divide error), then per quotient bit a left rotate of the dividend and a trial
     * subtraction that sets the flags unless the rotate carried out a one. CF ends up as the
     * complement of the quotient's top bit. Derived from the SingleStepTests 8086 recordings.
     *
     * @return quotient | remainder &lt;&lt; bits, or -1 for a divide error (flags as the compare left them)
     */
    static long cord(X86State s, int hi, int lo, int divisor, int bits) {
        int m = mask(bits);
        int sb = sign(bits);
        int tmpa = hi;
        int tmpc = lo;
        sub(s, tmpa, divisor, 0, bits);
        if (hi >= divisor) {
            return -1;
        }
        int carry = 1;
        int flags = s.flags;
        for (int i = 0; i < bits; i++) {
            int out = (tmpc & sb) != 0 ? 1 : 0;
            tmpc = ((tmpc << 1) | carry) & m;
            boolean top = (tmpa & sb) != 0;
            tmpa = ((tmpa << 1) | out) & m;
            if (top) {
                tmpa = (tmpa - divisor) & m;
                carry = 0;
            } else {
                int d = sub(s, tmpa, divisor, 0, bits);
                flags = s.flags;
                if (tmpa >= divisor) {
                    tmpa = d;
                    carry = 0;
                } else {
                    carry = 1;
                }
            }
        }
        int q = (((tmpc << 1) | carry) & m) ^ m;
        s.flags = (flags & ~CF) | ((q & sb) == 0 ? CF : 0);
        return (q & (long) m) | ((long) tmpa << bits);
    }

    // ------------------------------------------------------------------ BCD

    /** DAA on AL; returns the new AL. */
    public static int daa(X86State s, int al) {
        int f = s.flags;
        boolean cf = (f & CF) != 0;
        boolean af = (f & AF) != 0;
        int r = al;
        int nf = 0;
        if ((al & 0x0F) > 9 || af) {
            r += 6;
            nf |= AF;
        }
        if (al > (af ? 0x9F : 0x99) || cf) {
            r += 0x60;
            nf |= CF;
        }
        r &= 0xFF;
        nf |= szp(r, 8);
        if (((r ^ al) & r & 0x80) != 0) {
            nf |= OF;
        }
        status(s, nf);
        return r;
    }

    /** DAS on AL; returns the new AL. */
    public static int das(X86State s, int al) {
        int f = s.flags;
        boolean cf = (f & CF) != 0;
        boolean af = (f & AF) != 0;
        int r = al;
        int nf = 0;
        if ((al & 0x0F) > 9 || af) {
            r -= 6;
            nf |= AF;
        }
        if (al > (af ? 0x9F : 0x99) || cf) {
            r -= 0x60;
            nf |= CF;
        }
        r &= 0xFF;
        nf |= szp(r, 8);
        if (((al ^ r) & al & 0x80) != 0) {
            nf |= OF;
        }
        status(s, nf);
        return r;
    }

    /** AAA/AAS on AX ({@code subtract} selects AAS); returns the new AX. */
    public static int aaa(X86State s, int ax, boolean subtract) {
        int al = ax & 0xFF;
        int ah = (ax >>> 8) & 0xFF;
        boolean adjust = (al & 0x0F) > 9 || (s.flags & AF) != 0;
        int nal;
        if (subtract) {
            nal = adjust ? sub(s, al, 6, 0, 8) : sub(s, al, 0, 0, 8);
            if (adjust) {
                ah = (ah - 1) & 0xFF;
            }
        } else {
            nal = adjust ? add(s, al, 6, 0, 8) : add(s, al, 0, 0, 8);
            if (adjust) {
                ah = (ah + 1) & 0xFF;
            }
        }
        int f = s.flags & ~(AF | CF);
        if (adjust) {
            f |= AF | CF;
        }
        s.flags = f;
        return (ah << 8) | (nal & 0x0F);
    }

    /** AAM: AH = AL / base, AL = AL % base; returns the new AX, or -1 for a divide error (base 0). */
    public static int aam(X86State s, int al, int base) {
        if (base == 0) {
            status(s, szp(0, 8));
            return -1;
        }
        int ah = al / base;
        int nal = al % base;
        status(s, szp(nal, 8));
        return (ah << 8) | nal;
    }

    /** AAD: AL = AL + AH * base, AH = 0; flags of that 8-bit addition. Returns the new AX. */
    public static int aad(X86State s, int ax, int base) {
        int al = ax & 0xFF;
        int ah = (ax >>> 8) & 0xFF;
        return add(s, al, (ah * base) & 0xFF, 0, 8);
    }
}
