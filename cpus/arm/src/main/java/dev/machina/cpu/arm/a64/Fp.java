package dev.machina.cpu.arm.a64;

/**
 * Floating-point element semantics shared by the scalar FP and the Advanced SIMD groups, on raw
 * IEEE 754 bit patterns of {@code size} 1 (half), 2 (single) or 3 (double). Arithmetic here rounds
 * to nearest-even (the FPCR.RMode the Linux ABI starts with; {@link FpRounding} applies the
 * directed modes to the scalar instructions, vector arithmetic stays round-to-nearest); conversions to integer take an
 * explicit rounding mode and saturate as the Arm ARM's FPToFixed does. Half precision is
 * computed in single precision and rounded once.
 */
public final class Fp {
    /** Rounding modes (FPCR.RMode order, plus "ties away" and "current"). */
    public static final int RN = 0, RP = 1, RM = 2, RZ = 3, RA = 4;

    private Fp() {
    }

    /** The value of a raw element as a double (exact for every size). */
    public static double toDouble(long bits, int size) {
        return switch (size) {
            case 1 -> Float.float16ToFloat((short) bits);
            case 2 -> Float.intBitsToFloat((int) bits);
            default -> Double.longBitsToDouble(bits);
        };
    }

    /** Rounds {@code d} to an element of {@code size} and returns its raw bits. */
    public static long fromDouble(double d, int size) {
        return switch (size) {
            case 1 -> Float.floatToFloat16((float) d) & 0xffffL;
            case 2 -> Float.floatToRawIntBits((float) d) & 0xffffffffL;
            default -> Double.doubleToRawLongBits(d);
        };
    }

    private static long fromFloat(float f, int size) {
        return size == 1 ? Float.floatToFloat16(f) & 0xffffL : Float.floatToRawIntBits(f) & 0xffffffffL;
    }

    private static float toFloat(long bits, int size) {
        return size == 1 ? Float.float16ToFloat((short) bits) : Float.intBitsToFloat((int) bits);
    }

    /** The default NaN of {@code size}. */
    public static long defaultNan(int size) {
        return switch (size) {
            case 1 -> 0x7E00L;
            case 2 -> 0x7FC00000L;
            default -> 0x7FF8000000000000L;
        };
    }

    /**
     * A two-operand operation: 0 FMUL, 1 FDIV, 2 FADD, 3 FSUB, 4 FMAX, 5 FMIN, 6 FMAXNM,
     * 7 FMINNM, 8 FNMUL, 9 FABD, 10 FMULX.
     */
    public static long binary(int op, long a, long b, int size) {
        if (size == 3) {
            double x = Double.longBitsToDouble(a);
            double y = Double.longBitsToDouble(b);
            double r = switch (op) {
                case 0, 10 -> x * y;
                case 1 -> x / y;
                case 2 -> x + y;
                case 3 -> x - y;
                case 4 -> Math.max(x, y);
                case 5 -> Math.min(x, y);
                case 6 -> Double.isNaN(x) ? y : Double.isNaN(y) ? x : Math.max(x, y);
                case 7 -> Double.isNaN(x) ? y : Double.isNaN(y) ? x : Math.min(x, y);
                case 8 -> -(x * y);
                default -> Math.abs(x - y);
            };
            return Double.isNaN(r) ? nan(a, b, 3) : Double.doubleToRawLongBits(r);
        }
        float x = toFloat(a, size);
        float y = toFloat(b, size);
        float r = switch (op) {
            case 0, 10 -> x * y;
            case 1 -> x / y;
            case 2 -> x + y;
            case 3 -> x - y;
            case 4 -> Math.max(x, y);
            case 5 -> Math.min(x, y);
            case 6 -> Float.isNaN(x) ? y : Float.isNaN(y) ? x : Math.max(x, y);
            case 7 -> Float.isNaN(x) ? y : Float.isNaN(y) ? x : Math.min(x, y);
            case 8 -> -(x * y);
            default -> Math.abs(x - y);
        };
        return Float.isNaN(r) ? nan(a, b, size) : fromFloat(r, size);
    }

    /** NaN propagation: the first NaN operand, quieted, else the default NaN. */
    static long nan(long a, long b, int size) {
        if (isNan(a, size)) {
            return quiet(a, size);
        }
        if (isNan(b, size)) {
            return quiet(b, size);
        }
        return defaultNan(size);
    }

    static boolean isNan(long bits, int size) {
        return Double.isNaN(toDouble(bits, size));
    }

    private static long quiet(long bits, int size) {
        return switch (size) {
            case 1 -> bits | 0x200;
            case 2 -> bits | 0x400000;
            default -> bits | 0x8000000000000L;
        };
    }

    /** Fused multiply-add {@code a + n*m} rounded once. */
    public static long fma(long a, long n, long m, int size) {
        if (size == 3) {
            double r = Math.fma(Double.longBitsToDouble(n), Double.longBitsToDouble(m), Double.longBitsToDouble(a));
            return Double.isNaN(r) ? nan(a, n, 3) : Double.doubleToRawLongBits(r);
        }
        float r = Math.fma(toFloat(n, size), toFloat(m, size), toFloat(a, size));
        return Float.isNaN(r) ? nan(a, n, size) : fromFloat(r, size);
    }

    /** Flips the sign bit. */
    public static long neg(long a, int size) {
        return a ^ (1L << ((8 << size) - 1));
    }

    /** Clears the sign bit. */
    public static long abs(long a, int size) {
        return a & ~(1L << ((8 << size) - 1));
    }

    /** Square root. */
    public static long sqrt(long a, int size) {
        double r = Math.sqrt(toDouble(a, size));
        return Double.isNaN(r) ? nan(a, a, size) : fromDouble(r, size);
    }

    /** Rounds to an integral value in mode {@code mode} (FRINT*). */
    public static long roundInt(long a, int size, int mode) {
        double d = toDouble(a, size);
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Double.isNaN(d) ? nan(a, a, size) : a;
        }
        double r = round(d, mode);
        if (r == 0 && (Double.doubleToRawLongBits(d) < 0)) {
            r = -0.0;
        }
        return fromDouble(r, size);
    }

    static double round(double d, int mode) {
        return switch (mode) {
            case RN -> Math.rint(d);
            case RP -> Math.ceil(d);
            case RM -> Math.floor(d);
            case RZ -> d < 0 ? Math.ceil(d) : Math.floor(d);
            default -> {
                double f = Math.floor(Math.abs(d));
                double r = Math.abs(d) - f >= 0.5 ? f + 1 : f;
                yield Math.copySign(r, d);
            }
        };
    }

    /** FPToFixed: the element rounded in {@code mode} to a signed or unsigned integer of {@code bits} (32 or 64), saturated; NaN gives 0. */
    public static long toInt(long a, int size, int mode, boolean unsigned, int bits, int fbits) {
        double d = toDouble(a, size);
        if (Double.isNaN(d)) {
            return 0;
        }
        if (fbits != 0) {
            d = d * Math.pow(2, fbits);
        }
        double r = round(d, mode);
        if (unsigned) {
            if (r <= 0) {
                return 0;
            }
            if (bits == 32) {
                return r >= 4294967295.0 ? 0xffffffffL : (long) r;
            }
            if (r >= 18446744073709551615.0) {
                return -1L;
            }
            return r >= 9223372036854775808.0 ? (long) (r - 9223372036854775808.0) + Long.MIN_VALUE : (long) r;
        }
        if (bits == 32) {
            return ((long) (int) Math.max(Math.min(r, Integer.MAX_VALUE), Integer.MIN_VALUE)) & 0xffffffffL;
        }
        return (long) r;
    }

    /** FixedToFP: the integer {@code v} (signed or unsigned, {@code bits} 32 or 64) divided by 2^fbits, rounded to {@code size}. */
    public static long fromInt(long v, boolean unsigned, int bits, int size, int fbits) {
        if (bits == 32) {
            v = unsigned ? v & 0xffffffffL : (int) v;
        }
        if (size == 3) {
            double d;
            if (unsigned && v < 0) {
                d = (double) ((v >>> 1) | (v & 1)) * 2.0;
            } else {
                d = (double) v;
            }
            return Double.doubleToRawLongBits(fbits == 0 ? d : d / Math.pow(2, fbits));
        }
        float f;
        if (unsigned && v < 0) {
            f = (float) ((v >>> 1) | (v & 1)) * 2.0f;
        } else {
            f = (float) v;
        }
        if (fbits != 0) {
            f = f / (float) Math.pow(2, fbits);
        }
        return fromFloat(f, size);
    }

    /** Converts between precisions. */
    public static long convert(long a, int from, int to) {
        if (isNan(a, from)) {
            return defaultNan(to) | (from == 3 && to == 2 ? (a >>> 29) & 0x3FFFFF : 0);
        }
        if (from == 2 && to == 1) {
            return Float.floatToFloat16(Float.intBitsToFloat((int) a)) & 0xffffL;
        }
        return fromDouble(toDouble(a, from), to);
    }

    /** FCMP/FCMPE flags (N, Z, C, V in bits 3..0): unordered 0011, equal 0110, less 1000, greater 0010. */
    public static int compare(long a, long b, int size) {
        double x = toDouble(a, size);
        double y = toDouble(b, size);
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return 3;
        }
        return x == y ? 6 : x < y ? 8 : 2;
    }

    /** A vector compare: 0 EQ, 1 GE, 2 GT, 3 absolute GE, 4 absolute GT. Returns all ones or 0. */
    public static boolean compareOp(int op, long a, long b, int size) {
        double x = toDouble(a, size);
        double y = toDouble(b, size);
        if (op >= 3) {
            x = Math.abs(x);
            y = Math.abs(y);
        }
        return switch (op) {
            case 0 -> x == y;
            case 1, 3 -> x >= y;
            default -> x > y;
        };
    }

    /** VFPExpandImm: the 8-bit FMOV immediate as a raw element of {@code size}. */
    public static long expandImm(int imm8, int size) {
        long sign = imm8 >>> 7 & 1;
        int b6 = imm8 >>> 6 & 1;
        int b54 = imm8 >>> 4 & 3;
        long frac = imm8 & 15;
        return switch (size) {
            case 1 -> sign << 15 | (long) ((b6 ^ 1) << 4 | (b6 != 0 ? 3 : 0) << 2 | b54) << 10 | frac << 6;
            case 2 -> sign << 31 | (long) ((b6 ^ 1) << 7 | (b6 != 0 ? 0x1F : 0) << 2 | b54) << 23 | frac << 19;
            default -> sign << 63 | (long) ((b6 ^ 1) << 10 | (b6 != 0 ? 0xFF : 0) << 2 | b54) << 52 | frac << 48;
        };
    }

    /** FRECPE/FRSQRTE estimates computed exactly (a refinement of the architected 8-bit estimate). */
    public static long reciprocal(long a, int size, boolean sqrt) {
        double d = toDouble(a, size);
        return fromDouble(sqrt ? 1.0 / Math.sqrt(d) : 1.0 / d, size);
    }
}
