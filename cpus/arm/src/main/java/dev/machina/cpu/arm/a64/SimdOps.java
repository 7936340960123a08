package dev.machina.cpu.arm.a64;

/**
 * Advanced SIMD element semantics (Arm ARM C7, per-instruction pseudocode), one element at a
 * time on zero-extended element values of {@code 8 << size} bits. Saturating operations set
 * FPSR.QC. Operations not implemented throw {@link Undefined}.
 */
public final class SimdOps {
    /** Pseudo opcodes for the byte-wise NOT and RBIT of the two-register misc class. */
    static final int NOT = 64, RBIT = 65;
    private static final int QC = 1 << 27;

    private SimdOps() {
    }

    private static long sx(long v, int size) {
        return Bits.sext(v, 8 << size);
    }

    private static long ones(boolean b) {
        return b ? -1L : 0;
    }

    /** Signed or unsigned saturation of {@code v} (exact, as a long) to {@code 8 << size} bits. */
    static long saturate(A64Cpu c, long v, int size, boolean unsigned) {
        int bits = 8 << size;
        long max = unsigned ? Bits.ones(bits) : Bits.ones(bits - 1);
        long min = unsigned ? 0 : -(1L << (bits - 1));
        if (v > max) {
            c.fpsr |= QC;
            return max;
        }
        if (v < min) {
            c.fpsr |= QC;
            return min;
        }
        return v;
    }

    /** AND, BIC, ORR, ORN (U=0) and EOR, BSL, BIT, BIF (U=1) on 64 bits. */
    public static long logic(boolean u, int size, long a, long b, long d) {
        if (!u) {
            return switch (size) {
                case 0 -> a & b;
                case 1 -> a & ~b;
                case 2 -> a | b;
                default -> a | ~b;
            };
        }
        return switch (size) {
            case 0 -> a ^ b;
            case 1 -> (d & a) | (~d & b);
            case 2 -> (a & b) | (d & ~b);
            default -> (d & b) | (a & ~b);
        };
    }

    /** Integer three-same opcode {@code op} (bits 15..11). */
    public static long intThreeSame(A64Cpu c, int op, boolean u, long x, long y, long acc, int size) {
        int bits = 8 << size;
        long sx = sx(x, size);
        long sy = sx(y, size);
        switch (op) {
            case 0 -> {
                return u ? (size == 3 ? (x >>> 1) + (y >>> 1) + (x & y & 1) : (x + y) >>> 1) : (sx >> 1) + (sy >> 1) + (sx & sy & 1);
            }
            case 1 -> {
                if (size == 3) {
                    if (u) {
                        long r = x + y;
                        if (Long.compareUnsigned(r, x) < 0) {
                            c.fpsr |= QC;
                            return -1L;
                        }
                        return r;
                    }
                    long r = sx + sy;
                    if (((sx ^ r) & (sy ^ r)) < 0) {
                        c.fpsr |= QC;
                        return sx < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
                    }
                    return r;
                }
                return u ? saturate(c, x + y, size, true) : saturate(c, sx + sy, size, false);
            }
            case 2 -> {
                return u ? (size == 3 ? (x >>> 1) + (y >>> 1) + ((x | y) & 1) : (x + y + 1) >>> 1) : (sx >> 1) + (sy >> 1) + ((sx | sy) & 1);
            }
            case 4 -> {
                return u ? (x - y) >> 1 : (sx - sy) >> 1;
            }
            case 5 -> {
                if (size == 3) {
                    if (u) {
                        if (Long.compareUnsigned(x, y) < 0) {
                            c.fpsr |= QC;
                            return 0;
                        }
                        return x - y;
                    }
                    long r = sx - sy;
                    if (((sx ^ sy) & (sx ^ r)) < 0) {
                        c.fpsr |= QC;
                        return sx < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
                    }
                    return r;
                }
                return u ? saturate(c, x - y, size, true) : saturate(c, sx - sy, size, false);
            }
            case 6 -> {
                return ones(u ? Long.compareUnsigned(x, y) > 0 : sx > sy);
            }
            case 7 -> {
                return ones(u ? Long.compareUnsigned(x, y) >= 0 : sx >= sy);
            }
            case 8, 10 -> {
                int sh = (byte) y;
                boolean round = op == 10;
                if (sh >= 0) {
                    return sh >= bits ? 0 : x << sh;
                }
                int r = -sh;
                long base = u ? x : sx;
                if (r > bits) {
                    return u ? 0 : (round ? 0 : base >> 63);
                }
                long res = u ? (r >= 64 ? 0 : base >>> r) : base >> Math.min(r, 63);
                if (round && ((base >>> (r - 1)) & 1) != 0) {
                    res++;
                }
                return res;
            }
            case 12 -> {
                return u ? (Long.compareUnsigned(x, y) >= 0 ? x : y) : Math.max(sx, sy);
            }
            case 13 -> {
                return u ? (Long.compareUnsigned(x, y) <= 0 ? x : y) : Math.min(sx, sy);
            }
            case 14, 15 -> {
                long d = u ? (Long.compareUnsigned(x, y) >= 0 ? x - y : y - x) : Math.abs(sx - sy);
                return op == 15 ? acc + d : d;
            }
            case 16 -> {
                return u ? x - y : x + y;
            }
            case 17 -> {
                return ones(u ? x == y : (x & y) != 0);
            }
            case 18 -> {
                return u ? acc - x * y : acc + x * y;
            }
            case 19 -> {
                if (!u) {
                    return x * y;
                }
                if (size != 0) {
                    throw Undefined.INSTANCE;
                }
                long r = 0;
                for (int b = 0; b < 8; b++) {
                    if ((y >>> b & 1) != 0) {
                        r ^= x << b;
                    }
                }
                return r;
            }
            case 20 -> {
                return u ? (Long.compareUnsigned(x, y) >= 0 ? x : y) : Math.max(sx, sy);
            }
            case 21 -> {
                return u ? (Long.compareUnsigned(x, y) <= 0 ? x : y) : Math.min(sx, sy);
            }
            case 22 -> {
                return doublingMultiplyHigh(c, sx, sy, size, u);
            }
            case 23 -> {
                if (u) {
                    throw Undefined.INSTANCE;
                }
                return x + y;
            }
            default -> throw Undefined.INSTANCE;
        }
    }

    /** SQDMULH ({@code round} false) and SQRDMULH: high half of 2*a*b, saturated (H and S elements only). */
    public static long doublingMultiplyHigh(A64Cpu c, long a, long b, int size, boolean round) {
        if (size != 1 && size != 2) {
            throw Undefined.INSTANCE;
        }
        int bits = 8 << size;
        long p = 2 * a * b + (round ? 1L << (bits - 1) : 0);
        long min = -(1L << (bits - 1));
        if (a == min && b == min) {
            c.fpsr |= QC;
            return Bits.ones(bits - 1);
        }
        return (p >> bits) & Bits.ones(bits);
    }

    /** True for the pairwise FP three-same forms (FADDP, FMAXP, FMINP, FMAXNMP, FMINNMP). */
    static boolean fpPairwise(int op, boolean u, int a) {
        return u && (op == 24 || (op == 26 && a == 0) || op == 30);
    }

    /** Floating-point three-same opcode {@code op} with the {@code a} bit (size&lt;1&gt;). */
    public static long fpThreeSame(int op, boolean u, int a, long x, long y, long acc, int fsize) {
        switch (op) {
            case 24 -> {
                return Fp.binary(a == 0 ? 6 : 7, x, y, fsize);
            }
            case 25 -> {
                if (u) {
                    throw Undefined.INSTANCE;
                }
                return Fp.fma(acc, a == 0 ? x : Fp.neg(x, fsize), y, fsize);
            }
            case 26 -> {
                if (!u) {
                    return Fp.binary(a == 0 ? 2 : 3, x, y, fsize);
                }
                return Fp.binary(a == 0 ? 2 : 9, x, y, fsize);
            }
            case 27 -> {
                if (a != 0) {
                    throw Undefined.INSTANCE;
                }
                return Fp.binary(u ? 0 : 10, x, y, fsize);
            }
            case 28 -> {
                if (!u && a != 0) {
                    throw Undefined.INSTANCE;
                }
                return ones(Fp.compareOp(!u ? 0 : a == 0 ? 1 : 2, x, y, fsize));
            }
            case 29 -> {
                if (!u) {
                    throw Undefined.INSTANCE;
                }
                return ones(Fp.compareOp(a == 0 ? 3 : 4, x, y, fsize));
            }
            case 30 -> {
                return Fp.binary(a == 0 ? 4 : 5, x, y, fsize);
            }
            default -> {
                if (u) {
                    if (a != 0) {
                        throw Undefined.INSTANCE;
                    }
                    return Fp.binary(1, x, y, fsize);
                }
                double p = Fp.toDouble(x, fsize) * Fp.toDouble(y, fsize);
                return Fp.fromDouble(a == 0 ? 2.0 - p : (3.0 - p) / 2.0, fsize);
            }
        }
    }

    /** FPSR exceptions of {@link #fpThreeSame} giving {@code r} (FRECPS/FRSQRTS report none). */
    static int fpThreeSameFlags(int op, boolean u, int a, long x, long y, long acc, long r, int fsize) {
        return switch (op) {
            case 24, 30 -> FpExceptions.binary(4, x, y, r, fsize);
            case 25 -> FpExceptions.fma(acc, a == 0 ? x : Fp.neg(x, fsize), y, r, fsize);
            case 26 -> u && a != 0 ? FpExceptions.binary(3, x, y, Fp.binary(3, x, y, fsize), fsize) : FpExceptions.binary(a == 0 ? 2 : 3, x, y, r, fsize);
            case 27 -> {
                double p = Fp.toDouble(x, fsize) * Fp.toDouble(y, fsize);
                yield !u && Double.isNaN(p) && !Fp.isNan(x, fsize) && !Fp.isNan(y, fsize) ? 0 : FpExceptions.binary(0, x, y, r, fsize);
            }
            case 28, 29 -> FpExceptions.compare(x, y, fsize, op == 29 || u);
            default -> u && a == 0 ? FpExceptions.binary(1, x, y, r, fsize) : 0;
        };
    }

    /** Integer two-register misc opcode {@code op} (CLS, CLZ, CNT, NOT, RBIT, CMxx #0, ABS, NEG). */
    public static long intTwoReg(A64Cpu c, int op, boolean u, long x, int size) {
        int bits = 8 << size;
        long sx = sx(x, size);
        return switch (op) {
            case 4 -> u ? Long.numberOfLeadingZeros(x) - (64 - bits) : Long.numberOfLeadingZeros((sx ^ (sx << 1)) | 1) - (64 - bits);
            case 5 -> {
                if (u || size != 0) {
                    throw Undefined.INSTANCE;
                }
                yield Long.bitCount(x);
            }
            case NOT -> ~x;
            case RBIT -> Integer.reverse((int) x) >>> 24;
            case 8 -> ones(u ? sx >= 0 : sx > 0);
            case 9 -> ones(u ? sx <= 0 : sx == 0);
            case 10 -> {
                if (u) {
                    throw Undefined.INSTANCE;
                }
                yield ones(sx < 0);
            }
            case 11 -> u ? -x : Math.abs(sx);
            default -> throw Undefined.INSTANCE;
        };
    }

    /** Floating-point two-register misc opcode {@code op} with the {@code a} bit. */
    public static long fpTwoReg(A64Cpu c, int op, boolean u, int a, long x, int fsize) {
        boolean bits64 = fsize == 3;
        switch (op) {
            case 12, 13, 14 -> {
                if (a == 0) {
                    throw Undefined.INSTANCE;
                }
                double v = Fp.toDouble(x, fsize);
                boolean r = switch (op) {
                    case 12 -> u ? v >= 0 : v > 0;
                    case 13 -> u ? v <= 0 : v == 0;
                    default -> {
                        if (u) {
                            throw Undefined.INSTANCE;
                        }
                        yield v < 0;
                    }
                };
                return ones(r);
            }
            case 15 -> {
                if (a == 0) {
                    throw Undefined.INSTANCE;
                }
                return u ? Fp.neg(x, fsize) : Fp.abs(x, fsize);
            }
            case 24 -> {
                return Fp.roundInt(x, fsize, u ? (a == 0 ? Fp.RA : c.fpcr >>> 22 & 3) : (a == 0 ? Fp.RN : Fp.RP));
            }
            case 25 -> {
                if (u && a != 0) {
                    throw Undefined.INSTANCE;
                }
                return Fp.roundInt(x, fsize, u ? c.fpcr >>> 22 & 3 : (a == 0 ? Fp.RM : Fp.RZ));
            }
            case 26, 27 -> {
                int mode = op == 26 ? (a == 0 ? Fp.RN : Fp.RP) : (a == 0 ? Fp.RM : Fp.RZ);
                return Fp.toInt(x, fsize, mode, u, bits64 ? 64 : 32, 0);
            }
            case 28 -> {
                if (a != 0) {
                    throw Undefined.INSTANCE;
                }
                return Fp.toInt(x, fsize, Fp.RA, u, bits64 ? 64 : 32, 0);
            }
            case 29 -> {
                if (a == 0) {
                    return Fp.fromInt(x, u, bits64 ? 64 : 32, fsize, 0);
                }
                return Fp.reciprocal(x, fsize, u);
            }
            case 31 -> {
                if (!u || a == 0) {
                    throw Undefined.INSTANCE;
                }
                return Fp.sqrt(x, fsize);
            }
            default -> throw Undefined.INSTANCE;
        }
    }

    /** FPSR exceptions of {@link #fpTwoReg}'s conversions, roundings and square root (0 for the other opcodes). */
    static int fpTwoRegFlags(A64Cpu c, int op, boolean u, int a, long x, long r, int fsize) {
        int bits = fsize == 3 ? 64 : 32;
        return switch (op) {
            case 24, 25 -> FpExceptions.roundInt(x, r, fsize, op == 25 && u);
            case 26 -> FpExceptions.toInt(x, fsize, a == 0 ? Fp.RN : Fp.RP, u, bits, 0);
            case 27 -> FpExceptions.toInt(x, fsize, a == 0 ? Fp.RM : Fp.RZ, u, bits, 0);
            case 28 -> a == 0 ? FpExceptions.toInt(x, fsize, Fp.RA, u, bits, 0) : 0;
            case 29 -> a == 0 ? FpExceptions.fromInt(x, u, bits, r, fsize, 0) : 0;
            case 31 -> FpExceptions.sqrt(x, r, fsize);
            default -> 0;
        };
    }

    /** XTN, SQXTUN (op 18) and SQXTN, UQXTN (op 20) of a double-width element {@code v}. */
    public static long narrow(A64Cpu c, int op, boolean u, long v, int size) {
        if (op == 18 && !u) {
            return v;
        }
        long sv = Bits.sext(v, 16 << size);
        if (op == 18) {
            return saturate(c, sv, size, true);
        }
        if (u) {
            long max = Bits.ones(8 << size);
            if (size == 2 ? Long.compareUnsigned(v, max) > 0 : v > max) {
                c.fpsr |= QC;
                return max;
            }
            return v;
        }
        return saturate(c, sv, size, false);
    }

    /** SHRN, RSHRN (U=0 ops 16, 17), SQSHRUN, SQRSHRUN (U=1), SQSHRN/UQSHRN (18), SQRSHRN/UQRSHRN (19). */
    public static long shiftNarrow(A64Cpu c, int op, boolean u, long v, int shift, int size) {
        int wbits = 16 << size;
        boolean round = op == 17 || op == 19;
        boolean signedSrc = op <= 17 ? u : !u;
        long src = signedSrc ? Bits.sext(v, wbits) : v;
        if (round) {
            src += 1L << (shift - 1);
        }
        long r = signedSrc ? src >> shift : src >>> shift;
        if (op <= 17 && !u) {
            return r;
        }
        if (op <= 17) {
            return saturate(c, r, size, true);
        }
        return saturate(c, r, size, u);
    }

    /** SSHR/USHR (0), SSRA/USRA (2), SRSHR/URSHR (4), SRSRA/URSRA (6), SRI (8), SHL/SLI (10). */
    public static long shiftImm(A64Cpu c, int op, boolean u, long x, long d, int immhb, int size) {
        int bits = 8 << size;
        if (op == 12 || op == 14) {
            int sh = immhb - bits;
            if (op == 12 && !u) {
                throw Undefined.INSTANCE;
            }
            boolean srcSigned = op == 12 || !u;
            boolean dstUnsigned = op == 12 || u;
            long v = srcSigned ? Bits.sext(x, bits) : x;
            if (srcSigned && dstUnsigned && v < 0) {
                c.fpsr |= QC;
                return 0;
            }
            long max = dstUnsigned ? Bits.ones(bits) : Bits.ones(bits - 1);
            long min = dstUnsigned ? 0 : -(1L << (bits - 1));
            if (bits == 64) {
                long r = v << sh;
                boolean lost = dstUnsigned ? (r >>> sh) != v : (r >> sh) != v;
                if (lost || (!dstUnsigned && (r < 0) != (v < 0))) {
                    c.fpsr |= QC;
                    return dstUnsigned ? -1L : (v < 0 ? Long.MIN_VALUE : Long.MAX_VALUE);
                }
                return r;
            }
            long r = v << sh;
            if (r > max || r < min) {
                c.fpsr |= QC;
                return r > max ? max : min;
            }
            return r;
        }
        if (op == 10) {
            int sh = immhb - bits;
            long r = x << sh;
            if (!u) {
                return r;
            }
            long mask = Bits.ones(bits) << sh;
            return (d & ~mask) | (r & mask);
        }
        int sh = 2 * bits - immhb;
        long base = u ? x : Bits.sext(x, bits);
        long r;
        switch (op) {
            case 0, 2, 4, 6 -> {
                if (u) {
                    r = sh >= 64 ? 0 : base >>> sh;
                } else {
                    r = base >> Math.min(sh, 63);
                }
                if ((op == 4 || op == 6) && ((base >>> (sh - 1)) & 1) != 0) {
                    r++;
                }
                if (op == 2 || op == 6) {
                    r += d;
                }
                return r;
            }
            case 8 -> {
                if (!u) {
                    throw Undefined.INSTANCE;
                }
                long mask = sh >= 64 ? 0 : Bits.ones(bits) >>> sh;
                long shifted = sh >= 64 ? 0 : x >>> sh;
                return (d & ~mask) | (shifted & mask);
            }
            default -> throw Undefined.INSTANCE;
        }
    }
}
