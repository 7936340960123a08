package dev.machina.cpu.m6502;

/**
 * The semantics of the 6502 family's data operations, defined once: the interpreter calls these
 * static helpers and a recompiler's generated code can call the same ones. Every helper works on
 * an {@link M6502State}; values are bytes 0..255.
 *
 * <p>Sources: MCS6500 Programming Manual (documented operations); Bruce Clark, "Decimal Mode"
 * (6502.org tutorial, appendices A and B) for the NMOS and 65C02 BCD results and flags;
 * "No More Secrets" (groepaz) for the undocumented NMOS operations, with the constant $EE of
 * ANE/LXA as the SingleStepTests {@code 6502} suite records it.
 */
public final class Alu {
    /** The "magic" constant ORed into A by the unstable ANE and LXA, as the SingleStepTests vectors record it. */
    public static final int UNSTABLE_MAGIC = 0xEE;

    private Alu() {
    }

    /**
     * ADC: A + v + C.
     *
     * @param bcd  true when the chip has a decimal mode (not the 2A03); decimal arithmetic then
     *             applies when D is set
     * @param cmos true for the 65C02's decimal flags (N and Z valid, from the BCD result)
     */
    public static void adc(M6502State s, int v, boolean bcd, boolean cmos) {
        if (bcd && s.d) {
            adcDecimal(s, v, cmos);
        } else {
            adcBinary(s, v);
        }
    }

    /** Binary ADC. */
    public static void adcBinary(M6502State s, int v) {
        int a = s.a;
        int sum = a + v + s.c;
        s.v = ((~(a ^ v) & (a ^ sum)) & 0x80) != 0;
        s.c = sum >>> 8;
        s.a = sum & 0xFF;
        s.n = s.a;
        s.z = s.a;
    }

    private static void adcDecimal(M6502State s, int v, boolean cmos) {
        int a = s.a;
        int lo = (a & 0x0F) + (v & 0x0F) + s.c;
        if (lo >= 0x0A) {
            lo = ((lo + 0x06) & 0x0F) + 0x10;
        }
        int sum = (a & 0xF0) + (v & 0xF0) + lo;
        s.v = ((~(a ^ v) & (a ^ sum)) & 0x80) != 0;
        int binary = (a + v + s.c) & 0xFF;
        if (!cmos) {
            s.n = sum;          // NMOS: N and V from the intermediate sum, Z from the binary sum
            s.z = binary;
        }
        if (sum >= 0xA0) {
            sum += 0x60;
        }
        s.c = sum >= 0x100 ? 1 : 0;
        s.a = sum & 0xFF;
        if (cmos) {
            s.n = s.a;
            s.z = s.a;
        }
    }

    /** SBC: A - v - (1 - C); see {@link #adc} for the flags. */
    public static void sbc(M6502State s, int v, boolean bcd, boolean cmos) {
        if (bcd && s.d) {
            sbcDecimal(s, v, cmos);
        } else {
            adcBinary(s, v ^ 0xFF);
        }
    }

    private static void sbcDecimal(M6502State s, int v, boolean cmos) {
        int a = s.a;
        int borrow = 1 - s.c;
        int binary = a - v - borrow;
        int lo = (a & 0x0F) - (v & 0x0F) - borrow;
        int result;
        if (cmos) {
            result = binary;
            if (result < 0) {
                result -= 0x60;
            }
            if (lo < 0) {
                // the low-nibble fix-up does not borrow from the high nibble (wdc65c02 suite)
                result = (result & ~0x0F) | ((result - 0x06) & 0x0F);
            }
        } else {
            if (lo < 0) {
                lo = ((lo - 0x06) & 0x0F) - 0x10;
            }
            result = (a & 0xF0) - (v & 0xF0) + lo;
            if (result < 0) {
                result -= 0x60;
            }
        }
        // C and V follow the binary subtraction on both chips
        s.v = (((a ^ v) & (a ^ binary)) & 0x80) != 0;
        s.c = binary >= 0 ? 1 : 0;
        s.a = result & 0xFF;
        if (cmos) {
            s.n = s.a;
            s.z = s.a;
        } else {
            s.n = binary & 0xFF;
            s.z = binary & 0xFF;
        }
    }

    /** LDA. */
    public static void lda(M6502State s, int v) {
        s.a = v;
        s.setNZ(v);
    }

    /** LDX. */
    public static void ldx(M6502State s, int v) {
        s.x = v;
        s.setNZ(v);
    }

    /** LDY. */
    public static void ldy(M6502State s, int v) {
        s.y = v;
        s.setNZ(v);
    }

    /** LAX (undocumented): LDA and LDX at once. */
    public static void lax(M6502State s, int v) {
        s.a = v;
        s.x = v;
        s.setNZ(v);
    }

    /** TAX. */
    public static void tax(M6502State s) {
        s.x = s.a;
        s.setNZ(s.x);
    }

    /** TXA. */
    public static void txa(M6502State s) {
        s.a = s.x;
        s.setNZ(s.a);
    }

    /** TAY. */
    public static void tay(M6502State s) {
        s.y = s.a;
        s.setNZ(s.y);
    }

    /** TYA. */
    public static void tya(M6502State s) {
        s.a = s.y;
        s.setNZ(s.a);
    }

    /** TSX. */
    public static void tsx(M6502State s) {
        s.x = s.s;
        s.setNZ(s.x);
    }

    /** INX. */
    public static void inx(M6502State s) {
        s.x = (s.x + 1) & 0xFF;
        s.setNZ(s.x);
    }

    /** INY. */
    public static void iny(M6502State s) {
        s.y = (s.y + 1) & 0xFF;
        s.setNZ(s.y);
    }

    /** DEX. */
    public static void dex(M6502State s) {
        s.x = (s.x - 1) & 0xFF;
        s.setNZ(s.x);
    }

    /** DEY. */
    public static void dey(M6502State s) {
        s.y = (s.y - 1) & 0xFF;
        s.setNZ(s.y);
    }

    /** CMP/CPX/CPY: flags of {@code register - v}. */
    public static void compare(M6502State s, int register, int v) {
        int d = register - v;
        s.c = d >= 0 ? 1 : 0;
        s.n = d & 0xFF;
        s.z = d & 0xFF;
    }

    /** BIT (memory operand): Z from A AND v, N and V from bits 7 and 6 of v. */
    public static void bit(M6502State s, int v) {
        s.z = s.a & v;
        s.n = v;
        s.v = (v & 0x40) != 0;
    }

    /** BIT immediate (65C02): only Z changes. */
    public static void bitImmediate(M6502State s, int v) {
        s.z = s.a & v;
    }

    /** ASL: returns v shifted left; C = old bit 7. */
    public static int asl(M6502State s, int v) {
        s.c = v >>> 7;
        int r = (v << 1) & 0xFF;
        s.setNZ(r);
        return r;
    }

    /** LSR: returns v shifted right; C = old bit 0. */
    public static int lsr(M6502State s, int v) {
        s.c = v & 1;
        int r = v >>> 1;
        s.setNZ(r);
        return r;
    }

    /** ROL: rotate left through carry. */
    public static int rol(M6502State s, int v) {
        int r = ((v << 1) | s.c) & 0xFF;
        s.c = v >>> 7;
        s.setNZ(r);
        return r;
    }

    /** ROR: rotate right through carry. */
    public static int ror(M6502State s, int v) {
        int r = (v >>> 1) | (s.c << 7);
        s.c = v & 1;
        s.setNZ(r);
        return r;
    }

    /** INC: v + 1. */
    public static int inc(M6502State s, int v) {
        int r = (v + 1) & 0xFF;
        s.setNZ(r);
        return r;
    }

    /** DEC: v - 1. */
    public static int dec(M6502State s, int v) {
        int r = (v - 1) & 0xFF;
        s.setNZ(r);
        return r;
    }

    /** AND into A. */
    public static void and(M6502State s, int v) {
        s.a &= v;
        s.setNZ(s.a);
    }

    /** ORA into A. */
    public static void ora(M6502State s, int v) {
        s.a |= v;
        s.setNZ(s.a);
    }

    /** EOR into A. */
    public static void eor(M6502State s, int v) {
        s.a ^= v;
        s.setNZ(s.a);
    }

    /** TSB (65C02): Z from A AND v; returns v OR A. */
    public static int tsb(M6502State s, int v) {
        s.z = s.a & v;
        return v | s.a;
    }

    /** TRB (65C02): Z from A AND v; returns v AND NOT A. */
    public static int trb(M6502State s, int v) {
        s.z = s.a & v;
        return v & ~s.a & 0xFF;
    }

    // ---------------------------------------------------------------- undocumented NMOS operations

    /** SLO: ASL memory, then ORA. */
    public static int slo(M6502State s, int v) {
        int r = asl(s, v);
        ora(s, r);
        return r;
    }

    /** RLA: ROL memory, then AND. */
    public static int rla(M6502State s, int v) {
        int r = rol(s, v);
        and(s, r);
        return r;
    }

    /** SRE: LSR memory, then EOR. */
    public static int sre(M6502State s, int v) {
        int r = lsr(s, v);
        eor(s, r);
        return r;
    }

    /** RRA: ROR memory, then ADC (decimal on chips that have it). */
    public static int rra(M6502State s, int v, boolean bcd) {
        int r = ror(s, v);
        adc(s, r, bcd, false);
        return r;
    }

    /** DCP: DEC memory, then CMP. */
    public static int dcp(M6502State s, int v) {
        int r = (v - 1) & 0xFF;
        compare(s, s.a, r);
        return r;
    }

    /** ISC: INC memory, then SBC (decimal on chips that have it). */
    public static int isc(M6502State s, int v, boolean bcd) {
        int r = (v + 1) & 0xFF;
        sbc(s, r, bcd, false);
        return r;
    }

    /** ANC: AND, then C = N. */
    public static void anc(M6502State s, int v) {
        and(s, v);
        s.c = s.a >>> 7;
    }

    /** ALR: AND, then LSR A. */
    public static void alr(M6502State s, int v) {
        s.a = lsr(s, s.a & v);
    }

    /**
     * ARR: AND, then ROR A, with C and V from bits 6 and 5 of the result; in decimal mode the
     * NMOS chip applies a BCD fix-up to each nibble (No More Secrets, "ARR").
     */
    public static void arr(M6502State s, int v, boolean bcd) {
        int t = s.a & v;
        int r = (t >>> 1) | (s.c << 7);
        s.setNZ(r);
        if (bcd && s.d) {
            s.v = ((t ^ r) & 0x40) != 0;
            if ((t & 0x0F) + (t & 0x01) > 5) {
                r = (r & 0xF0) | ((r + 6) & 0x0F);
            }
            if ((t & 0xF0) + (t & 0x10) > 0x50) {
                r = (r + 0x60) & 0xFF;
                s.c = 1;
            } else {
                s.c = 0;
            }
        } else {
            s.c = (r >>> 6) & 1;
            s.v = (((r >>> 6) ^ (r >>> 5)) & 1) != 0;
        }
        s.a = r;
    }

    /** ANE (XAA, unstable): A = (A OR magic) AND X AND v. */
    public static void ane(M6502State s, int v) {
        s.a = (s.a | UNSTABLE_MAGIC) & s.x & v;
        s.setNZ(s.a);
    }

    /** LXA (unstable): A = X = (A OR magic) AND v. */
    public static void lxa(M6502State s, int v) {
        s.a = (s.a | UNSTABLE_MAGIC) & v;
        s.x = s.a;
        s.setNZ(s.a);
    }

    /** SBX (AXS): X = (A AND X) - v, flags as CMP. */
    public static void sbx(M6502State s, int v) {
        int t = s.a & s.x;
        compare(s, t, v);
        s.x = (t - v) & 0xFF;
    }

    /** LAS: A = X = S = v AND S. */
    public static void las(M6502State s, int v) {
        int r = v & s.s;
        s.a = r;
        s.x = r;
        s.s = r;
        s.setNZ(r);
    }

    /**
     * The value SHA/SHX/SHY/TAS store: {@code register AND (H + 1)}, H the high byte of the
     * effective address, as the SingleStepTests {@code 6502} vectors record it.
     */
    public static int unstableStore(int register, int address) {
        return register & ((address >>> 8) + 1) & 0xFF;
    }
}
