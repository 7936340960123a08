package dev.machina.cpu.arm.a64;

import static dev.machina.cpu.arm.a64.Asm.r;
import static dev.machina.cpu.arm.a64.Asm.rd;
import static dev.machina.cpu.arm.a64.Asm.rm;
import static dev.machina.cpu.arm.a64.Asm.rn;

import java.util.List;

/**
 * A64 scalar floating point (Arm ARM C4.1.91, "Floating-point data-processing" and
 * "conversion" classes): FMOV, arithmetic, fused multiply-add, compares, conditional compare
 * and select, rounding, precision conversions and conversions to and from integers and fixed
 * point, for half, single and double precision. Semantics are in {@link Fp}.
 */
public final class FloatingPoint {
    private static final String[] P = {"?", "h", "s", "d"};

    private FloatingPoint() {
    }

    /** ftype field (bits 23..22) to element size: 00 single, 01 double, 11 half. */
    static int ftypeSize(int i) {
        return switch (i >>> 22 & 3) {
            case 0 -> 2;
            case 1 -> 3;
            case 3 -> 1;
            default -> throw Undefined.INSTANCE;
        };
    }

    private static String reg(int n, int i) {
        int t = i >>> 22 & 3;
        return (t == 2 ? "?" : P[t == 0 ? 2 : t == 1 ? 3 : 1]) + n;
    }

    static void register(List<Insn> t) {
        t.add(new Insn("FP <-> integer", 0x7F20FC00, 0x1E200000, FloatingPoint::convertInt, FloatingPoint::fmtConvertInt));
        t.add(new Insn("FP <-> fixed point", 0x7F200000, 0x1E000000, FloatingPoint::convertFixed,
                (i, pc) -> ((i >>> 19 & 3) == 0 ? ((i & 1 << 16) != 0 ? "ucvtf " : "scvtf ") + reg(rd(i), i) + ", " + r(rn(i), i < 0)
                        : ((i & 1 << 16) != 0 ? "fcvtzu " : "fcvtzs ") + r(rd(i), i < 0) + ", " + reg(rn(i), i)) + ", #" + (64 - (i >>> 10 & 63))));
        t.add(new Insn("FP data-processing (1 source)", 0xFF207C00, 0x1E204000, FloatingPoint::oneSource, FloatingPoint::fmtOneSource));
        t.add(new Insn("FCMP/FCMPE", 0xFF203C07, 0x1E202000, FloatingPoint::compare,
                (i, pc) -> ((i & 16) != 0 ? "fcmpe " : "fcmp ") + reg(rn(i), i) + ", " + ((i & 8) != 0 ? "#0.0" : reg(rm(i), i))));
        t.add(new Insn("FMOV (scalar, immediate)", 0xFF201FE0, 0x1E201000, FloatingPoint::fmovImm,
                (i, pc) -> "fmov " + reg(rd(i), i) + ", #" + Fp.toDouble(Fp.expandImm(i >>> 13 & 0xFF, 3), 3)));
        t.add(new Insn("FCCMP/FCCMPE", 0xFF200C00, 0x1E200400, FloatingPoint::condCompare,
                (i, pc) -> ((i & 16) != 0 ? "fccmpe " : "fccmp ") + reg(rn(i), i) + ", " + reg(rm(i), i) + ", #" + (i & 15) + ", " + Asm.cond(i >>> 12)));
        t.add(new Insn("FP data-processing (2 source)", 0xFF200C00, 0x1E200800, FloatingPoint::twoSource,
                (i, pc) -> twoName(i >>> 12 & 15) + " " + reg(rd(i), i) + ", " + reg(rn(i), i) + ", " + reg(rm(i), i)));
        t.add(new Insn("FCSEL", 0xFF200C00, 0x1E200C00, FloatingPoint::select,
                (i, pc) -> "fcsel " + reg(rd(i), i) + ", " + reg(rn(i), i) + ", " + reg(rm(i), i) + ", " + Asm.cond(i >>> 12)));
        t.add(new Insn("FP data-processing (3 source)", 0xFF000000, 0x1F000000, FloatingPoint::threeSource,
                (i, pc) -> new String[] {"fmadd", "fmsub", "fnmadd", "fnmsub"}[(i >>> 20 & 2) | (i >>> 15 & 1)] + " " + reg(rd(i), i) + ", "
                        + reg(rn(i), i) + ", " + reg(rm(i), i) + ", " + reg(i >>> 10 & 31, i)));
    }

    static long fpReg(A64Cpu c, int n) {
        return c.vreg[2 * n];
    }

    /** FMOV, FABS, FNEG, FSQRT, FCVT, FRINTN/P/M/Z/A/X/I. */
    public static void oneSource(A64Cpu c, int i) {
        int size = ftypeSize(i);
        int op = i >>> 15 & 63;
        long a = fpReg(c, rn(i));
        long r;
        if ((op & 0x3C) == 4) {
            int to = switch (op & 3) {
                case 0 -> 2;
                case 1 -> 3;
                case 3 -> 1;
                default -> throw Undefined.INSTANCE;
            };
            if (to == size) {
                throw Undefined.INSTANCE;
            }
            long from = a & Bits.ones(8 << size);
            long converted = Fp.convert(from, size, to);
            c.fpsr |= FpExceptions.convert(from, size, converted, to);
            Vec.setScalar(c, rd(i), to, converted);
            return;
        }
        a &= Bits.ones(8 << size);
        r = switch (op) {
            case 0 -> a;
            case 1 -> Fp.abs(a, size);
            case 2 -> Fp.neg(a, size);
            case 3 -> FpRounding.sqrt(a, size, c.fpcr >>> 22 & 3);
            case 8 -> Fp.roundInt(a, size, Fp.RN);
            case 9 -> Fp.roundInt(a, size, Fp.RP);
            case 10 -> Fp.roundInt(a, size, Fp.RM);
            case 11 -> Fp.roundInt(a, size, Fp.RZ);
            case 12 -> Fp.roundInt(a, size, Fp.RA);
            case 14, 15 -> Fp.roundInt(a, size, c.fpcr >>> 22 & 3);
            default -> throw Undefined.INSTANCE;
        };
        if (op == 3) {
            c.fpsr |= FpExceptions.sqrt(a, Fp.sqrt(a, size), size);
        } else if (op >= 8) {
            c.fpsr |= FpExceptions.roundInt(a, r, size, op == 14);
        }
        Vec.setScalar(c, rd(i), size, r);
    }

    /** FMUL, FDIV, FADD, FSUB, FMAX, FMIN, FMAXNM, FMINNM, FNMUL. */
    public static void twoSource(A64Cpu c, int i) {
        int size = ftypeSize(i);
        int op = i >>> 12 & 15;
        if (op > 8) {
            throw Undefined.INSTANCE;
        }
        long m = Bits.ones(8 << size);
        long a = fpReg(c, rn(i)) & m;
        long b = fpReg(c, rm(i)) & m;
        long r = FpRounding.binary(op, a, b, size, c.fpcr >>> 22 & 3);
        c.fpsr |= FpExceptions.binary(op, a, b, Fp.binary(op, a, b, size), size);
        Vec.setScalar(c, rd(i), size, r);
    }

    /** FMADD, FMSUB, FNMADD, FNMSUB. */
    public static void threeSource(A64Cpu c, int i) {
        int size = ftypeSize(i);
        long m = Bits.ones(8 << size);
        long a = fpReg(c, i >>> 10 & 31) & m;
        long n = fpReg(c, rn(i)) & m;
        long b = fpReg(c, rm(i)) & m;
        int op = (i >>> 20 & 2) | (i >>> 15 & 1);
        if ((op & 1) != 0) {
            n = Fp.neg(n, size);
        }
        if ((op & 2) != 0) {
            a = Fp.neg(a, size);
            n = Fp.neg(n, size);
        }
        long r = FpRounding.fma(a, n, b, size, c.fpcr >>> 22 & 3);
        c.fpsr |= FpExceptions.fma(a, n, b, Fp.fma(a, n, b, size), size);
        Vec.setScalar(c, rd(i), size, r);
    }

    /** FCMP, FCMPE (with register or #0.0). */
    public static void compare(A64Cpu c, int i) {
        int size = ftypeSize(i);
        long m = Bits.ones(8 << size);
        long b = (i & 8) != 0 ? 0 : fpReg(c, rm(i)) & m;
        long a = fpReg(c, rn(i)) & m;
        c.fpsr |= FpExceptions.compare(a, b, size, (i & 16) != 0);
        c.setNzcv(Fp.compare(a, b, size));
    }

    /** FCCMP, FCCMPE. */
    public static void condCompare(A64Cpu c, int i) {
        int size = ftypeSize(i);
        if (c.condition(i >>> 12 & 15)) {
            long m = Bits.ones(8 << size);
            long a = fpReg(c, rn(i)) & m;
            long b = fpReg(c, rm(i)) & m;
            c.fpsr |= FpExceptions.compare(a, b, size, (i & 16) != 0);
            c.setNzcv(Fp.compare(a, b, size));
        } else {
            c.setNzcv(i & 15);
        }
    }

    /** FCSEL. */
    public static void select(A64Cpu c, int i) {
        int size = ftypeSize(i);
        Vec.setScalar(c, rd(i), size, fpReg(c, c.condition(i >>> 12 & 15) ? rn(i) : rm(i)));
    }

    /** FMOV (scalar, immediate). */
    public static void fmovImm(A64Cpu c, int i) {
        if ((i >>> 5 & 31) != 0) {
            throw Undefined.INSTANCE;
        }
        int size = ftypeSize(i);
        Vec.setScalar(c, rd(i), size, Fp.expandImm(i >>> 13 & 0xFF, size));
    }

    /**
     * FCVT[NPMZA][SU], SCVTF, UCVTF, FMOV (general) between a general-purpose register and a
     * SIMD&amp;FP register, including FMOV Xd, Vn.D[1] and FMOV Vd.D[1], Xn.
     */
    public static void convertInt(A64Cpu c, int i) {
        boolean sf = i < 0;
        int bits = sf ? 64 : 32;
        int rmode = i >>> 19 & 3;
        int op = i >>> 16 & 7;
        int ftype = i >>> 22 & 3;
        if (op >= 6) {
            // FMOV between registers
            if (ftype == 2) {
                if (!sf || rmode != 1) {
                    throw Undefined.INSTANCE;
                }
                if (op == 6) {
                    c.setX(rd(i), c.vreg[2 * rn(i) + 1]);
                } else {
                    c.vreg[2 * rd(i) + 1] = c.x[rn(i)];
                }
                return;
            }
            if (rmode != 0 || (ftype == 0 && sf) || (ftype == 1 && !sf)) {
                throw Undefined.INSTANCE;
            }
            int size = ftypeSize(i);
            if (op == 6) {
                c.setX(rd(i), fpReg(c, rn(i)) & Bits.ones(8 << size));
            } else {
                Vec.setScalar(c, rd(i), size, c.x[rn(i)]);
            }
            return;
        }
        int size = ftypeSize(i);
        if (op == 2 || op == 3) {
            if (rmode != 0) {
                throw Undefined.INSTANCE;
            }
            long r = Fp.fromInt(c.x[rn(i)], op == 3, bits, size, 0);
            c.fpsr |= FpExceptions.fromInt(c.x[rn(i)], op == 3, bits, r, size, 0);
            Vec.setScalar(c, rd(i), size, r);
            return;
        }
        int mode;
        if (op >= 4) {
            if (rmode != 0) {
                throw Undefined.INSTANCE;
            }
            mode = Fp.RA;
        } else {
            mode = rmode; // N, P, M, Z
        }
        long src = fpReg(c, rn(i)) & Bits.ones(8 << size);
        long r = Fp.toInt(src, size, mode, (op & 1) != 0, bits, 0);
        c.fpsr |= FpExceptions.toInt(src, size, mode, (op & 1) != 0, bits, 0);
        if (sf) {
            c.setX(rd(i), r);
        } else {
            c.setW(rd(i), r);
        }
    }

    /** SCVTF, UCVTF, FCVTZS, FCVTZU (fixed point, {@code 64 - scale} fraction bits). */
    public static void convertFixed(A64Cpu c, int i) {
        boolean sf = i < 0;
        int bits = sf ? 64 : 32;
        int scale = i >>> 10 & 63;
        if (!sf && scale < 32) {
            throw Undefined.INSTANCE;
        }
        int fbits = 64 - scale;
        int size = ftypeSize(i);
        int rmode = i >>> 19 & 3;
        int op = i >>> 16 & 7;
        if (rmode == 0 && (op == 2 || op == 3)) {
            long r = Fp.fromInt(c.x[rn(i)], op == 3, bits, size, fbits);
            c.fpsr |= FpExceptions.fromInt(c.x[rn(i)], op == 3, bits, r, size, fbits);
            Vec.setScalar(c, rd(i), size, r);
        } else if (rmode == 3 && op <= 1) {
            long src = fpReg(c, rn(i)) & Bits.ones(8 << size);
            long r = Fp.toInt(src, size, Fp.RZ, op == 1, bits, fbits);
            c.fpsr |= FpExceptions.toInt(src, size, Fp.RZ, op == 1, bits, fbits);
            if (sf) {
                c.setX(rd(i), r);
            } else {
                c.setW(rd(i), r);
            }
        } else {
            throw Undefined.INSTANCE;
        }
    }

    // ---- disassembly ------------------------------------------------------------------------

    private static String twoName(int op) {
        return op > 8 ? "?" : new String[] {"fmul", "fdiv", "fadd", "fsub", "fmax", "fmin", "fmaxnm", "fminnm", "fnmul"}[op];
    }

    private static String fmtOneSource(int i, long pc) {
        int op = i >>> 15 & 63;
        if ((op & 0x3C) == 4) {
            int to = op & 3;
            return "fcvt " + (to == 0 ? "s" : to == 1 ? "d" : "h") + rd(i) + ", " + reg(rn(i), i);
        }
        String m = switch (op) {
            case 0 -> "fmov";
            case 1 -> "fabs";
            case 2 -> "fneg";
            case 3 -> "fsqrt";
            case 8 -> "frintn";
            case 9 -> "frintp";
            case 10 -> "frintm";
            case 11 -> "frintz";
            case 12 -> "frinta";
            case 14 -> "frintx";
            case 15 -> "frinti";
            default -> "?";
        };
        return m + " " + reg(rd(i), i) + ", " + reg(rn(i), i);
    }

    private static String fmtConvertInt(int i, long pc) {
        boolean sf = i < 0;
        int rmode = i >>> 19 & 3;
        int op = i >>> 16 & 7;
        if (op >= 6) {
            String v = (i >>> 22 & 3) == 2 ? "v" + (op == 6 ? rn(i) : rd(i)) + ".d[1]" : reg(op == 6 ? rn(i) : rd(i), i);
            return op == 6 ? "fmov " + r(rd(i), sf) + ", " + v : "fmov " + v + ", " + r(rn(i), sf);
        }
        if (op == 2 || op == 3) {
            return (op == 3 ? "ucvtf " : "scvtf ") + reg(rd(i), i) + ", " + r(rn(i), sf);
        }
        String mode = op >= 4 ? "a" : "npmz".substring(rmode, rmode + 1);
        return "fcvt" + mode + ((op & 1) != 0 ? "u " : "s ") + r(rd(i), sf) + ", " + reg(rn(i), i);
    }
}
