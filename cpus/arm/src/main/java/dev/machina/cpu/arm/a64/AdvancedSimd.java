package dev.machina.cpu.arm.a64;

import static dev.machina.cpu.arm.a64.Asm.rd;
import static dev.machina.cpu.arm.a64.Asm.rm;
import static dev.machina.cpu.arm.a64.Asm.rn;

import java.util.List;

/**
 * A64 Advanced SIMD (Arm ARM C4.1.91, "Data Processing -- Scalar Floating-Point and Advanced
 * SIMD"): the vector classes three same, three different, two-register miscellaneous,
 * across lanes, copy, modified immediate, shift by immediate, permute, extract, table lookup
 * and by-element, plus the scalar forms glibc and compilers emit (pairwise, three same, two-reg
 * misc, shift by immediate, DUP element). Element semantics are in {@link SimdOps} and
 * {@link Fp}; this class does operand and lane bookkeeping.
 */
public final class AdvancedSimd {
    private AdvancedSimd() {
    }

    static void register(List<Insn> t) {
        t.add(new Insn("TBL/TBX", 0xBFE08C00, 0x0E000000, AdvancedSimd::tbl, SimdFormat::tbl));
        t.add(new Insn("permute (UZP/TRN/ZIP)", 0xBF208C00, 0x0E000800, AdvancedSimd::permute, SimdFormat::permute));
        t.add(new Insn("EXT", 0xBFE08400, 0x2E000000, AdvancedSimd::ext, SimdFormat::ext));
        t.add(new Insn("copy (DUP/INS/UMOV/SMOV)", 0x9FE08400, 0x0E000400, AdvancedSimd::copy, SimdFormat::copy));
        t.add(new Insn("three same", 0x9F200400, 0x0E200400, AdvancedSimd::threeSame, SimdFormat::threeSame));
        t.add(new Insn("three different", 0x9F200C00, 0x0E200000, AdvancedSimd::threeDifferent, SimdFormat::threeDifferent));
        t.add(new Insn("two-register misc", 0x9F3E0C00, 0x0E200800, AdvancedSimd::twoRegMisc, SimdFormat::twoRegMisc));
        t.add(new Insn("across lanes", 0x9F3E0C00, 0x0E300800, AdvancedSimd::acrossLanes, SimdFormat::acrossLanes));
        t.add(new Insn("modified immediate", 0x9FF80400, 0x0F000400, AdvancedSimd::modifiedImmediate, SimdFormat::modifiedImmediate));
        t.add(new Insn("shift by immediate", 0x9F800400, 0x0F000400, AdvancedSimd::shiftImmediate, SimdFormat::shiftImmediate));
        t.add(new Insn("vector x indexed element", 0x9F000400, 0x0F000000, AdvancedSimd::byElement, SimdFormat::byElement));
        t.add(new Insn("scalar x indexed element (FP)", 0xDF000400, 0x5F000000, AdvancedSimd::scalarByElement, SimdFormat::scalarByElement));
        t.add(new Insn("scalar pairwise", 0xDF3E0C00, 0x5E300800, AdvancedSimd::scalarPairwise, SimdFormat::scalarPairwise));
        t.add(new Insn("scalar copy (DUP element)", 0xFFE0FC00, 0x5E000400, AdvancedSimd::scalarDup, SimdFormat::scalarDup));
        t.add(new Insn("scalar three same", 0xDF200400, 0x5E200400, AdvancedSimd::scalarThreeSame, SimdFormat::scalarThreeSame));
        t.add(new Insn("scalar two-register misc", 0xDF3E0C00, 0x5E200800, AdvancedSimd::scalarTwoRegMisc, SimdFormat::scalarTwoRegMisc));
        t.add(new Insn("scalar shift by immediate", 0xDF800400, 0x5F000400, AdvancedSimd::scalarShiftImmediate, SimdFormat::scalarShiftImmediate));
    }

    static boolean q(int i) {
        return (i & (1 << 30)) != 0;
    }

    static boolean u(int i) {
        return (i & (1 << 29)) != 0;
    }

    static int esize(int i) {
        return i >>> 22 & 3;
    }

    /** Writes a 128-bit (or 64-bit with the top cleared) result. */
    static void put(A64Cpu c, int d, long lo, long hi, boolean q) {
        c.vreg[2 * d] = lo;
        c.vreg[2 * d + 1] = q ? hi : 0;
    }

    /** Copies V{@code n} into the CPU's scratch {@code into} (so a destination may equal a source) without allocating. */
    static long[] load(A64Cpu c, int n, long[] into) {
        into[0] = c.vreg[2 * n];
        into[1] = c.vreg[2 * n + 1];
        return into;
    }

    static long[] clear(long[] v) {
        v[0] = 0;
        v[1] = 0;
        return v;
    }

    /**
     * Element {@code k} of the concatenation {@code b:a} (a's elements first), as the pairwise
     * forms (ADDP, FADDP, FMAXP, ...) read their operands (Arm ARM C7.2, ADDP (vector)).
     */
    private static long pairElement(long[] a, long[] b, int k, int elements, int size) {
        return k < elements ? el(a, k, size) : el(b, k - elements, size);
    }

    static long el(long[] v, int index, int size) {
        int bits = 8 << size;
        int pos = index * bits;
        long w = v[pos >>> 6];
        return bits == 64 ? w : (w >>> (pos & 63)) & ((1L << bits) - 1);
    }

    static void setEl(long[] v, int index, int size, long value) {
        int bits = 8 << size;
        int pos = index * bits;
        if (bits == 64) {
            v[pos >>> 6] = value;
            return;
        }
        long m = ((1L << bits) - 1) << (pos & 63);
        v[pos >>> 6] = (v[pos >>> 6] & ~m) | ((value << (pos & 63)) & m);
    }

    // ---- table lookup, permutes, extract, copy ----------------------------------------------

    /** TBL, TBX with 1..4 table registers. */
    public static void tbl(A64Cpu c, int i) {
        int len = (i >>> 13 & 3) + 1;
        boolean tbx = (i & (1 << 12)) != 0;
        int n = rn(i);
        long[] idx = load(c, rm(i), c.simdB);
        long[] out = load(c, rd(i), c.simdD);
        byte[] table = c.simdTable;
        for (int k = 0; k < len; k++) {
            int reg = (n + k) & 31;
            for (int b = 0; b < 16; b++) {
                table[16 * k + b] = (byte) (c.vreg[2 * reg + (b >>> 3)] >>> ((b & 7) * 8));
            }
        }
        int elements = q(i) ? 16 : 8;
        for (int e = 0; e < elements; e++) {
            int x = (int) el(idx, e, 0);
            if (x < 16 * len) {
                setEl(out, e, 0, table[x] & 0xff);
            } else if (!tbx) {
                setEl(out, e, 0, 0);
            }
        }
        put(c, rd(i), out[0], out[1], q(i));
    }

    /** UZP1, TRN1, ZIP1, UZP2, TRN2, ZIP2. */
    public static void permute(A64Cpu c, int i) {
        int size = esize(i);
        boolean q = q(i);
        if (size == 3 && !q) {
            throw Undefined.INSTANCE;
        }
        int op = i >>> 12 & 7;
        int part = op >>> 2;
        long[] a = load(c, rn(i), c.simdA);
        long[] b = load(c, rm(i), c.simdB);
        long[] out = clear(c.simdOut);
        int elements = (q ? 16 : 8) >>> size;
        int pairs = elements / 2;
        switch (op & 3) {
            case 1 -> { // UZP
                for (int e = 0; e < elements; e++) {
                    int src = 2 * e + part;
                    setEl(out, e, size, src < elements ? el(a, src, size) : el(b, src - elements, size));
                }
            }
            case 2 -> { // TRN
                for (int p = 0; p < pairs; p++) {
                    setEl(out, 2 * p, size, el(a, 2 * p + part, size));
                    setEl(out, 2 * p + 1, size, el(b, 2 * p + part, size));
                }
            }
            case 3 -> { // ZIP
                int base = part * pairs;
                for (int p = 0; p < pairs; p++) {
                    setEl(out, 2 * p, size, el(a, base + p, size));
                    setEl(out, 2 * p + 1, size, el(b, base + p, size));
                }
            }
            default -> throw Undefined.INSTANCE;
        }
        put(c, rd(i), out[0], out[1], q);
    }

    /** EXT: bytes {@code imm4..} of the concatenation Vm:Vn. */
    public static void ext(A64Cpu c, int i) {
        int pos = i >>> 11 & 15;
        boolean q = q(i);
        if (!q && pos > 7) {
            throw Undefined.INSTANCE;
        }
        int bytes = q ? 16 : 8;
        long[] a = load(c, rn(i), c.simdA);
        long[] b = load(c, rm(i), c.simdB);
        long[] out = clear(c.simdOut);
        for (int e = 0; e < bytes; e++) {
            int s = pos + e;
            setEl(out, e, 0, s < bytes ? el(a, s, 0) : el(b, s - bytes, 0));
        }
        put(c, rd(i), out[0], out[1], q);
    }

    /** Element size (log2) and index of a copy-class imm5, or Undefined. */
    static int copySize(int imm5) {
        int s = Integer.numberOfTrailingZeros(imm5);
        if (s > 3) {
            throw Undefined.INSTANCE;
        }
        return s;
    }

    /** DUP (element), DUP (general), INS (general), UMOV, SMOV, INS (element). */
    public static void copy(A64Cpu c, int i) {
        int imm5 = i >>> 16 & 31;
        int imm4 = i >>> 11 & 15;
        int size = copySize(imm5);
        int index = imm5 >>> (size + 1);
        boolean q = q(i);
        int d = rd(i);
        int n = rn(i);
        if (u(i)) {
            if (!q) {
                throw Undefined.INSTANCE;
            }
            int src = imm4 >>> size;
            Vec.set(c, d, index, size, Vec.get(c, n, src, size));
            return;
        }
        switch (imm4) {
            case 0 -> {
                if (size == 3 && !q) {
                    throw Undefined.INSTANCE;
                }
                long rep = Bits.replicate(Vec.get(c, n, index, size), 8 << size);
                put(c, d, rep, rep, q);
            }
            case 1 -> {
                if (size == 3 && !q) {
                    throw Undefined.INSTANCE;
                }
                long rep = Bits.replicate(c.x[n], 8 << size);
                put(c, d, rep, rep, q);
            }
            case 3 -> Vec.set(c, d, index, size, c.x[n]);
            case 5 -> {
                long v = Vec.getSigned(c, n, index, size);
                if (q) {
                    c.setX(d, v);
                } else {
                    c.setW(d, v);
                }
            }
            case 7 -> {
                if ((size == 3) != q) {
                    throw Undefined.INSTANCE;
                }
                c.setX(d, Vec.get(c, n, index, size));
            }
            default -> throw Undefined.INSTANCE;
        }
    }

    /** DUP (element, scalar) = MOV Vd, Vn.T[index]. */
    public static void scalarDup(A64Cpu c, int i) {
        int imm5 = i >>> 16 & 31;
        int size = copySize(imm5);
        Vec.setScalar(c, rd(i), size, Vec.get(c, rn(i), imm5 >>> (size + 1), size));
    }

    // ---- three same ---------------------------------------------------------------------------

    /** The vector three-same class: integer, logical and floating-point operations. */
    public static void threeSame(A64Cpu c, int i) {
        int op = i >>> 11 & 31;
        boolean q = q(i);
        boolean u = u(i);
        int size = esize(i);
        long[] a = load(c, rn(i), c.simdA);
        long[] b = load(c, rm(i), c.simdB);
        int d = rd(i);
        if (op == 3) {
            long[] dst = load(c, d, c.simdD);
            long lo = SimdOps.logic(u, size, a[0], b[0], dst[0]);
            long hi = SimdOps.logic(u, size, a[1], b[1], dst[1]);
            put(c, d, lo, hi, q);
            return;
        }
        long[] out = clear(c.simdOut);
        if (op >= 24) {
            int fsize = (i & (1 << 22)) != 0 ? 3 : 2;
            if (fsize == 3 && !q) {
                throw Undefined.INSTANCE;
            }
            int elements = (q ? 16 : 8) >>> fsize;
            boolean pairwise = SimdOps.fpPairwise(op, u, size >>> 1);
            long[] dst = load(c, d, c.simdD);
            for (int e = 0; e < elements; e++) {
                long x;
                long y;
                if (pairwise) {
                    x = pairElement(a, b, 2 * e, elements, fsize);
                    y = pairElement(a, b, 2 * e + 1, elements, fsize);
                } else {
                    x = el(a, e, fsize);
                    y = el(b, e, fsize);
                }
                long acc = el(dst, e, fsize);
                long r = SimdOps.fpThreeSame(op, u, size >>> 1, x, y, acc, fsize);
                c.fpsr |= SimdOps.fpThreeSameFlags(op, u, size >>> 1, x, y, acc, r, fsize);
                setEl(out, e, fsize, r);
            }
            put(c, d, out[0], out[1], q);
            return;
        }
        if (size == 3 && !q) {
            throw Undefined.INSTANCE;
        }
        int elements = (q ? 16 : 8) >>> size;
        boolean pairwise = op == 20 || op == 21 || (op == 23 && !u);
        long[] dst = load(c, d, c.simdD);
        for (int e = 0; e < elements; e++) {
            long x;
            long y;
            if (pairwise) {
                x = pairElement(a, b, 2 * e, elements, size);
                y = pairElement(a, b, 2 * e + 1, elements, size);
            } else {
                x = el(a, e, size);
                y = el(b, e, size);
            }
            setEl(out, e, size, SimdOps.intThreeSame(c, op, u, x, y, el(dst, e, size), size));
        }
        put(c, d, out[0], out[1], q);
    }

    /** Scalar three same: ADD/SUB, CMEQ/CMGT/..., SSHL/USHL, SQADD..., FABD, FCMxx on D (or S) elements. */
    public static void scalarThreeSame(A64Cpu c, int i) {
        int op = i >>> 11 & 31;
        boolean u = u(i);
        int size = esize(i);
        long a = c.vreg[2 * rn(i)];
        long b = c.vreg[2 * rm(i)];
        if (op >= 24) {
            int fsize = (i & (1 << 22)) != 0 ? 3 : 2;
            long m = Bits.ones(8 << fsize);
            long acc = c.vreg[2 * rd(i)] & m;
            long r = SimdOps.fpThreeSame(op, u, size >>> 1, a & m, b & m, acc, fsize);
            c.fpsr |= SimdOps.fpThreeSameFlags(op, u, size >>> 1, a & m, b & m, acc, r, fsize);
            Vec.setScalar(c, rd(i), fsize, r);
            return;
        }
        long m = Bits.ones(8 << size);
        Vec.setScalar(c, rd(i), size, SimdOps.intThreeSame(c, op, u, a & m, b & m, c.vreg[2 * rd(i)] & m, size));
    }

    /** Scalar pairwise: ADDP (D), FADDP, FMAXP, FMINP, FMAXNMP, FMINNMP. */
    public static void scalarPairwise(A64Cpu c, int i) {
        int op = i >>> 12 & 31;
        int size = esize(i);
        int n = rn(i);
        if (!u(i)) {
            if (op == 27 && size == 3) {
                Vec.setScalar(c, rd(i), 3, c.vreg[2 * n] + c.vreg[2 * n + 1]);
                return;
            }
            // half-precision pairwise forms (U=0) are not implemented
            throw Undefined.INSTANCE;
        }
        int fsize = (size & 1) != 0 ? 3 : 2;
        long x = Vec.get(c, n, 0, fsize);
        long y = Vec.get(c, n, 1, fsize);
        long r = switch (op) {
            case 12 -> Fp.binary(size >= 2 ? 7 : 6, x, y, fsize);
            case 13 -> Fp.binary(2, x, y, fsize);
            case 15 -> Fp.binary(size >= 2 ? 5 : 4, x, y, fsize);
            default -> throw Undefined.INSTANCE;
        };
        Vec.setScalar(c, rd(i), fsize, r);
    }

    // ---- three different ----------------------------------------------------------------------

    /** SADDL/UADDL, SADDW, SSUBL, SSUBW, ADDHN, SUBHN, SABAL, SABDL, SMLAL, SMLSL, SMULL/UMULL (and the "2" forms). */
    public static void threeDifferent(A64Cpu c, int i) {
        int op = i >>> 12 & 15;
        boolean u = u(i);
        int size = esize(i);
        if (size == 3) {
            throw Undefined.INSTANCE;
        }
        boolean q = q(i);
        int half = q ? (8 >>> size) : 0;
        int elements = 8 >>> size;
        long[] a = load(c, rn(i), c.simdA);
        long[] b = load(c, rm(i), c.simdB);
        long[] dst = load(c, rd(i), c.simdD);
        long[] out = clear(c.simdOut);
        int wide = size + 1;
        int bits = 8 << size;
        if (op == 4 || op == 6) {
            for (int e = 0; e < elements; e++) {
                long x = el(a, e, wide);
                long y = el(b, e, wide);
                long r = op == 4 ? x + y : x - y;
                if (u) {
                    r += 1L << (bits - 1);
                }
                setEl(out, e, size, r >>> bits);
            }
            if (q) {
                put(c, rd(i), dst[0], out[0], true);
            } else {
                put(c, rd(i), out[0], 0, false);
            }
            return;
        }
        for (int e = 0; e < elements; e++) {
            long x = (op == 1 || op == 3) ? ext(el(a, e, wide), wide, u) : ext(el(a, half + e, size), size, u);
            long y = ext(el(b, half + e, size), size, u);
            long acc = el(dst, e, wide);
            long r = switch (op) {
                case 0, 1 -> x + y;
                case 2, 3 -> x - y;
                case 5 -> acc + Math.abs(x - y);
                case 7 -> Math.abs(x - y);
                case 8 -> acc + x * y;
                case 10 -> acc - x * y;
                case 12 -> x * y;
                default -> throw Undefined.INSTANCE;
            };
            setEl(out, e, wide, r);
        }
        put(c, rd(i), out[0], out[1], true);
    }

    static long ext(long v, int size, boolean unsigned) {
        return unsigned ? v : Bits.sext(v, 8 << size);
    }

    // ---- two-register misc --------------------------------------------------------------------

    /** The vector two-register miscellaneous class. */
    public static void twoRegMisc(A64Cpu c, int i) {
        int op = i >>> 12 & 31;
        boolean u = u(i);
        boolean q = q(i);
        int size = esize(i);
        long[] a = load(c, rn(i), c.simdA);
        int d = rd(i);
        long[] out = clear(c.simdOut);
        // narrowing: XTN, SQXTN, UQXTN, SQXTUN, FCVTN
        if (op == 18 || op == 20 || op == 22) {
            if (op == 22) {
                if (u) {
                    throw Undefined.INSTANCE;
                }
                int from = (size & 1) != 0 ? 3 : 2;
                int to = from - 1;
                for (int e = 0; e < (8 >>> to); e++) {
                    setEl(out, e, to, Fp.convert(el(a, e, from), from, to));
                }
                narrowPut(c, d, out[0], q);
                return;
            }
            if (size == 3) {
                throw Undefined.INSTANCE;
            }
            int elements = 8 >>> size;
            for (int e = 0; e < elements; e++) {
                long v = el(a, e, size + 1);
                setEl(out, e, size, SimdOps.narrow(c, op, u, v, size));
            }
            narrowPut(c, d, out[0], q);
            return;
        }
        if (op == 23) { // FCVTL
            if (u) {
                throw Undefined.INSTANCE;
            }
            int to = (size & 1) != 0 ? 3 : 2;
            int from = to - 1;
            int elements = 8 >>> from;
            int base = q ? elements : 0;
            for (int e = 0; e < elements; e++) {
                setEl(out, e, to, Fp.convert(el(a, base + e, from), from, to));
            }
            put(c, d, out[0], out[1], true);
            return;
        }
        if (op == 19 && u) { // SHLL
            if (size == 3) {
                throw Undefined.INSTANCE;
            }
            int elements = 8 >>> size;
            int base = q ? elements : 0;
            for (int e = 0; e < elements; e++) {
                setEl(out, e, size + 1, el(a, base + e, size) << (8 << size));
            }
            put(c, d, out[0], out[1], true);
            return;
        }
        if (op == 2 || op == 6) { // SADDLP/UADDLP, SADALP/UADALP
            if (size == 3) {
                throw Undefined.INSTANCE;
            }
            long[] dst = load(c, d, c.simdD);
            int elements = (q ? 16 : 8) >>> (size + 1);
            for (int e = 0; e < elements; e++) {
                long r = ext(el(a, 2 * e, size), size, u) + ext(el(a, 2 * e + 1, size), size, u);
                if (op == 6) {
                    r += el(dst, e, size + 1);
                }
                setEl(out, e, size + 1, r);
            }
            put(c, d, out[0], out[1], q);
            return;
        }
        if (op >= 12 && !(op == 18 || op == 19 || op == 20)) {
            boolean fp = op >= 24 || (op >= 12 && op <= 15);
            if (fp) {
                int fsize = (size & 1) != 0 ? 3 : 2;
                if (fsize == 3 && !q) {
                    throw Undefined.INSTANCE;
                }
                int elements = (q ? 16 : 8) >>> fsize;
                for (int e = 0; e < elements; e++) {
                    long x = el(a, e, fsize);
                    long r = SimdOps.fpTwoReg(c, op, u, size >>> 1, x, fsize);
                    c.fpsr |= SimdOps.fpTwoRegFlags(c, op, u, size >>> 1, x, r, fsize);
                    setEl(out, e, fsize, r);
                }
                put(c, d, out[0], out[1], q);
                return;
            }
        }
        if (size == 3 && !q) {
            throw Undefined.INSTANCE;
        }
        if (op == 0 || op == 1) { // REV64, REV32, REV16
            int container = op == 1 ? 1 : u ? 2 : 3;
            if (size >= container) {
                throw Undefined.INSTANCE;
            }
            int per = 1 << (container - size);
            int elements = (q ? 16 : 8) >>> size;
            for (int e = 0; e < elements; e++) {
                int base = e / per * per;
                setEl(out, base + (per - 1 - (e - base)), size, el(a, e, size));
            }
            put(c, d, out[0], out[1], q);
            return;
        }
        int opx = op;
        int sz = size;
        if (op == 5 && u) { // NOT (size 00) and RBIT (size 01) work on bytes
            if (size > 1) {
                throw Undefined.INSTANCE;
            }
            opx = size == 0 ? SimdOps.NOT : SimdOps.RBIT;
            sz = 0;
        }
        int elements = (q ? 16 : 8) >>> sz;
        for (int e = 0; e < elements; e++) {
            setEl(out, e, sz, SimdOps.intTwoReg(c, opx, u, el(a, e, sz), sz));
        }
        put(c, d, out[0], out[1], q);
    }

    private static void narrowPut(A64Cpu c, int d, long lo, boolean q) {
        if (q) {
            c.vreg[2 * d + 1] = lo;
        } else {
            c.vreg[2 * d] = lo;
            c.vreg[2 * d + 1] = 0;
        }
    }

    /** Scalar two-register misc: CMxx #0, ABS, NEG on D; FCVTxS/U, SCVTF/UCVTF, FCMxx #0, FRECPE... on S/D. */
    public static void scalarTwoRegMisc(A64Cpu c, int i) {
        int op = i >>> 12 & 31;
        boolean u = u(i);
        int size = esize(i);
        long a = c.vreg[2 * rn(i)];
        if (op >= 12 && op != 18 && op != 20) {
            int fsize = (size & 1) != 0 ? 3 : 2;
            long x = a & Bits.ones(8 << fsize);
            long r = SimdOps.fpTwoReg(c, op, u, size >>> 1, x, fsize);
            c.fpsr |= SimdOps.fpTwoRegFlags(c, op, u, size >>> 1, x, r, fsize);
            Vec.setScalar(c, rd(i), fsize, r);
            return;
        }
        if (size != 3 || !(op == 8 || op == 9 || op == 10 || op == 11)) {
            throw Undefined.INSTANCE;
        }
        Vec.setScalar(c, rd(i), 3, SimdOps.intTwoReg(c, op, u, a, 3));
    }

    // ---- across lanes -------------------------------------------------------------------------

    /** SADDLV/UADDLV, SMAXV/UMAXV, SMINV/UMINV, ADDV, FMAXNMV, FMINNMV, FMAXV, FMINV. */
    public static void acrossLanes(A64Cpu c, int i) {
        int op = i >>> 12 & 31;
        boolean u = u(i);
        boolean q = q(i);
        int size = esize(i);
        long[] a = load(c, rn(i), c.simdA);
        if (op == 12 || op == 15) {
            if (!u || !q || (size & 1) != 0) {
                throw Undefined.INSTANCE;
            }
            int fop = op == 12 ? (size >= 2 ? 7 : 6) : (size >= 2 ? 5 : 4);
            long r = el(a, 0, 2);
            for (int e = 1; e < 4; e++) {
                r = Fp.binary(fop, r, el(a, e, 2), 2);
            }
            Vec.setScalar(c, rd(i), 2, r);
            return;
        }
        if (size == 3 || (size == 2 && !q)) {
            throw Undefined.INSTANCE;
        }
        int elements = (q ? 16 : 8) >>> size;
        long acc = ext(el(a, 0, size), size, u);
        for (int e = 1; e < elements; e++) {
            long x = ext(el(a, e, size), size, u);
            acc = switch (op) {
                case 3, 27 -> acc + x;
                case 10 -> u ? (Long.compareUnsigned(x, acc) > 0 ? x : acc) : Math.max(acc, x);
                case 26 -> u ? (Long.compareUnsigned(x, acc) < 0 ? x : acc) : Math.min(acc, x);
                default -> throw Undefined.INSTANCE;
            };
        }
        if (op == 27 && u) {
            throw Undefined.INSTANCE;
        }
        Vec.setScalar(c, rd(i), op == 3 ? size + 1 : size, acc);
    }

    // ---- modified immediate -------------------------------------------------------------------

    /** AdvSIMDExpandImm: the 64-bit pattern of op, cmode and abcdefgh. */
    static long expandImm(int op, int cmode, int imm8) {
        long imm = imm8 & 0xFF;
        return switch (cmode >>> 1) {
            case 0 -> Bits.replicate(imm, 32);
            case 1 -> Bits.replicate(imm << 8, 32);
            case 2 -> Bits.replicate(imm << 16, 32);
            case 3 -> Bits.replicate(imm << 24, 32);
            case 4 -> Bits.replicate(imm, 16);
            case 5 -> Bits.replicate(imm << 8, 16);
            case 6 -> (cmode & 1) == 0 ? Bits.replicate(imm << 8 | 0xFF, 32) : Bits.replicate(imm << 16 | 0xFFFF, 32);
            default -> {
                if ((cmode & 1) == 0 && op == 0) {
                    yield Bits.replicate(imm, 8);
                }
                if ((cmode & 1) == 0) {
                    long r = 0;
                    for (int b = 0; b < 8; b++) {
                        if ((imm8 >>> b & 1) != 0) {
                            r |= 0xFFL << (8 * b);
                        }
                    }
                    yield r;
                }
                if (op == 0) {
                    yield Bits.replicate(Fp.expandImm(imm8, 2), 32);
                }
                yield Fp.expandImm(imm8, 3);
            }
        };
    }

    /** MOVI, MVNI, ORR (immediate), BIC (immediate), FMOV (vector, immediate). */
    public static void modifiedImmediate(A64Cpu c, int i) {
        int op = i >>> 29 & 1;
        int cmode = i >>> 12 & 15;
        int imm8 = (i >>> 16 & 7) << 5 | (i >>> 5 & 31);
        boolean q = q(i);
        if (cmode == 15 && op == 1 && !q) {
            throw Undefined.INSTANCE;
        }
        long imm = expandImm(op, cmode, imm8);
        int d = rd(i);
        boolean orrBic = cmode < 12 && (cmode & 1) == 1;
        if (orrBic) {
            long lo = c.vreg[2 * d];
            long hi = c.vreg[2 * d + 1];
            if (op == 0) {
                put(c, d, lo | imm, hi | imm, q);
            } else {
                put(c, d, lo & ~imm, hi & ~imm, q);
            }
            return;
        }
        boolean mvn = op == 1 && cmode < 14;
        long v = mvn ? ~imm : imm;
        put(c, d, v, v, q);
    }

    // ---- shift by immediate ------------------------------------------------------------------

    /** The vector shift-by-immediate class. */
    public static void shiftImmediate(A64Cpu c, int i) {
        int immh = i >>> 19 & 15;
        int immhb = i >>> 16 & 127;
        int op = i >>> 11 & 31;
        boolean u = u(i);
        boolean q = q(i);
        int size = 31 - Integer.numberOfLeadingZeros(immh);
        if (size == 3 && !q && op != 16 && op != 17 && op != 18 && op != 19 && op != 20) {
            throw Undefined.INSTANCE;
        }
        int bits = 8 << size;
        long[] a = load(c, rn(i), c.simdA);
        int d = rd(i);
        long[] out = clear(c.simdOut);
        if (op >= 16 && op <= 19) { // SHRN, RSHRN, SQSHRN, ... (narrowing)
            if (size == 3) {
                throw Undefined.INSTANCE;
            }
            int shift = 2 * bits - immhb;
            int elements = 8 >>> size;
            for (int e = 0; e < elements; e++) {
                long v = el(a, e, size + 1);
                setEl(out, e, size, SimdOps.shiftNarrow(c, op, u, v, shift, size));
            }
            narrowPut(c, d, out[0], q);
            return;
        }
        if (op == 20) { // SSHLL/USHLL (SXTL/UXTL)
            if (size == 3) {
                throw Undefined.INSTANCE;
            }
            int shift = immhb - bits;
            int elements = 8 >>> size;
            int base = q ? elements : 0;
            for (int e = 0; e < elements; e++) {
                setEl(out, e, size + 1, ext(el(a, base + e, size), size, u) << shift);
            }
            put(c, d, out[0], out[1], true);
            return;
        }
        if (op == 28 || op == 31) { // SCVTF/UCVTF, FCVTZS/FCVTZU (fixed point)
            if (size < 2) {
                throw Undefined.INSTANCE;
            }
            int fbits = 2 * bits - immhb;
            int elements = (q ? 16 : 8) >>> size;
            for (int e = 0; e < elements; e++) {
                long v = el(a, e, size);
                setEl(out, e, size, op == 28 ? Fp.fromInt(v, u, bits, size, fbits) : Fp.toInt(v, size, Fp.RZ, u, bits, fbits));
            }
            put(c, d, out[0], out[1], q);
            return;
        }
        long[] dst = load(c, d, c.simdD);
        int elements = (q ? 16 : 8) >>> size;
        for (int e = 0; e < elements; e++) {
            setEl(out, e, size, SimdOps.shiftImm(c, op, u, el(a, e, size), el(dst, e, size), immhb, size));
        }
        put(c, d, out[0], out[1], q);
    }

    /** Scalar shift by immediate on D elements: SSHR, USHR, SSRA, USRA, SHL, SLI, SRI, SRSHR, URSHR. */
    public static void scalarShiftImmediate(A64Cpu c, int i) {
        int immh = i >>> 19 & 15;
        int immhb = i >>> 16 & 127;
        int op = i >>> 11 & 31;
        if ((immh & 8) == 0 || op >= 16) {
            throw Undefined.INSTANCE;
        }
        long r = SimdOps.shiftImm(c, op, u(i), c.vreg[2 * rn(i)], c.vreg[2 * rd(i)], immhb, 3);
        Vec.setScalar(c, rd(i), 3, r);
    }

    // ---- by element ---------------------------------------------------------------------------

    /** FMLA, FMLS, FMUL, FMULX (scalar, by element) on S and D. */
    public static void scalarByElement(A64Cpu c, int i) {
        int op = i >>> 12 & 15;
        boolean u = u(i);
        int size = esize(i);
        if (size < 2 || !(op == 1 || op == 5 || op == 9) || (u && op != 9)) {
            throw Undefined.INSTANCE;
        }
        int fsize = (size & 1) != 0 ? 3 : 2;
        int h = i >>> 11 & 1;
        int l = i >>> 21 & 1;
        if (fsize == 3 && l != 0) {
            throw Undefined.INSTANCE;
        }
        int index = fsize == 2 ? h << 1 | l : h;
        long m = Vec.get(c, rm(i) | (i >>> 20 & 1) << 4, index, fsize);
        long mask = Bits.ones(8 << fsize);
        long x = c.vreg[2 * rn(i)] & mask;
        long acc = c.vreg[2 * rd(i)] & mask;
        long r = switch (op) {
            case 1 -> Fp.fma(acc, x, m, fsize);
            case 5 -> Fp.fma(acc, Fp.neg(x, fsize), m, fsize);
            default -> Fp.binary(u ? 10 : 0, x, m, fsize);
        };
        Vec.setScalar(c, rd(i), fsize, r);
    }

    /** MUL, MLA, MLS, SMULL/UMULL, SMLAL/UMLAL, FMUL, FMLA, FMLS (by element). */
    public static void byElement(A64Cpu c, int i) {
        int op = i >>> 12 & 15;
        boolean u = u(i);
        boolean q = q(i);
        int size = esize(i);
        int h = i >>> 11 & 1;
        int l = i >>> 21 & 1;
        int mbit = i >>> 20 & 1;
        long[] a = load(c, rn(i), c.simdA);
        int d = rd(i);
        long[] dst = load(c, d, c.simdD);
        long[] out = clear(c.simdOut);
        boolean fp = !u && (op == 1 || op == 5 || op == 9) || u && op == 9;
        if (fp) {
            int fsize = (size & 1) != 0 ? 3 : 2;
            if (size < 2 || (fsize == 3 && (l != 0 || !q))) {
                throw Undefined.INSTANCE;
            }
            int index = fsize == 2 ? h << 1 | l : h;
            long m = Vec.get(c, rm(i) | mbit << 4, index, fsize);
            int elements = (q ? 16 : 8) >>> fsize;
            for (int e = 0; e < elements; e++) {
                long x = el(a, e, fsize);
                long r = switch (op) {
                    case 1 -> Fp.fma(el(dst, e, fsize), x, m, fsize);
                    case 5 -> Fp.fma(el(dst, e, fsize), Fp.neg(x, fsize), m, fsize);
                    default -> Fp.binary(0, x, m, fsize);
                };
                setEl(out, e, fsize, r);
            }
            put(c, d, out[0], out[1], q);
            return;
        }
        if (size == 0 || size == 3) {
            throw Undefined.INSTANCE;
        }
        int index = size == 1 ? h << 2 | l << 1 | mbit : h << 1 | l;
        int mreg = size == 1 ? rm(i) & 15 : rm(i) | mbit << 4;
        long m = Vec.get(c, mreg, index, size);
        if (op == 0 || op == 4 || op == 8) { // MLA, MLS, MUL
            if ((op == 8 && u) || ((op == 0 || op == 4) && !u)) {
                throw Undefined.INSTANCE;
            }
            int elements = (q ? 16 : 8) >>> size;
            for (int e = 0; e < elements; e++) {
                long p = el(a, e, size) * m;
                long r = op == 8 ? p : op == 0 ? el(dst, e, size) + p : el(dst, e, size) - p;
                setEl(out, e, size, r);
            }
            put(c, d, out[0], out[1], q);
            return;
        }
        if ((op == 12 || op == 13) && !u) { // SQDMULH, SQRDMULH (by element)
            int elements = (q ? 16 : 8) >>> size;
            long sm = Bits.sext(m, 8 << size);
            for (int e = 0; e < elements; e++) {
                setEl(out, e, size, SimdOps.doublingMultiplyHigh(c, Bits.sext(el(a, e, size), 8 << size), sm, size, op == 13));
            }
            put(c, d, out[0], out[1], q);
            return;
        }
        if (op == 2 || op == 6 || op == 10) { // SMLAL/UMLAL, SMLSL/UMLSL, SMULL/UMULL
            int elements = 8 >>> size;
            int base = q ? elements : 0;
            long mm = ext(m, size, u);
            for (int e = 0; e < elements; e++) {
                long p = ext(el(a, base + e, size), size, u) * mm;
                long acc = el(dst, e, size + 1);
                setEl(out, e, size + 1, op == 10 ? p : op == 2 ? acc + p : acc - p);
            }
            put(c, d, out[0], out[1], true);
            return;
        }
        throw Undefined.INSTANCE;
    }
}
