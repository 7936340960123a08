package dev.machina.cpu.arm.a64;

/**
 * The IEEE 754 exceptions a scalar floating-point instruction raises, as FPSR cumulative bits
 * (Arm ARM D17.2.59 "FPSR"): IOC invalid operation, DZC division by zero, OFC overflow, UFC
 * underflow (tiny and inexact), IXC inexact. Computed after the fact from the operands and the
 * rounded result: exact residuals come from TwoSum and fused multiply-add, so no wider
 * arithmetic is needed. Round to nearest only (the mode the result was computed in).
 */
public final class FpExceptions {
    /** FPSR bits. */
    public static final int IOC = 1, DZC = 2, OFC = 4, UFC = 8, IXC = 16;

    private FpExceptions() {
    }

    private static boolean signaling(long bits, int size) {
        return switch (size) {
            case 1 -> (bits & 0x7C00) == 0x7C00 && (bits & 0x3FF) != 0 && (bits & 0x200) == 0;
            case 2 -> (bits & 0x7F800000L) == 0x7F800000L && (bits & 0x7FFFFFL) != 0 && (bits & 0x400000L) == 0;
            default -> (bits & 0x7FF0000000000000L) == 0x7FF0000000000000L && (bits & 0xFFFFFFFFFFFFFL) != 0 && (bits & 0x8000000000000L) == 0;
        };
    }

    private static double minNormal(int size) {
        return switch (size) {
            case 1 -> 6.103515625E-5;
            case 2 -> Float.MIN_NORMAL;
            default -> Double.MIN_NORMAL;
        };
    }

    /** Residual of x + y given the rounded double sum s (TwoSum): exact iff 0. */
    private static double twoSumError(double x, double y, double s) {
        double bb = s - x;
        return (x - (s - bb)) + (y - bb);
    }

    /** Flags common to every result: NaN from non-NaN inputs, overflow, underflow. */
    private static int finish(boolean inexact, boolean inputsFinite, long r, int size, boolean invalid) {
        double v = Fp.toDouble(r, size);
        int f = 0;
        if (invalid) {
            return IOC;
        }
        if (Double.isInfinite(v) && inputsFinite) {
            return OFC | IXC;
        }
        if (inexact) {
            f |= IXC;
            if (Math.abs(v) < minNormal(size)) {
                f |= UFC;
            }
        }
        return f;
    }

    /** Exceptions of {@link Fp#binary} op {@code op} (0 FMUL, 1 FDIV, 2 FADD, 3 FSUB, 4-7 max/min, 8 FNMUL) on a, b giving r. */
    public static int binary(int op, long a, long b, long r, int size) {
        double x = Fp.toDouble(a, size);
        double y = Fp.toDouble(b, size);
        double v = Fp.toDouble(r, size);
        boolean anyNan = Double.isNaN(x) || Double.isNaN(y);
        if (signaling(a, size) || signaling(b, size)) {
            return IOC;
        }
        if (op >= 4 && op <= 7) {
            return 0;
        }
        if (anyNan) {
            return 0;
        }
        boolean finite = !Double.isInfinite(x) && !Double.isInfinite(y);
        if (Double.isNaN(v)) {
            return IOC;
        }
        if (op == 1 && y == 0 && finite && x != 0) {
            return DZC;
        }
        if (!finite || Double.isInfinite(v)) {
            return finish(false, finite, r, size, false);
        }
        boolean inexact = switch (op) {
            case 0, 8 -> Math.fma(x, y, op == 8 ? v : -v) != 0;
            case 1 -> Math.fma(v, y, -x) != 0;
            default -> {
                double yy = op == 3 ? -y : y;
                double s = x + yy;
                yield s != v || twoSumError(x, yy, s) != 0;
            }
        };
        return finish(inexact, true, r, size, false);
    }

    /** Exceptions of a fused multiply-add {@code a + n*m = r}. */
    public static int fma(long a, long n, long m, long r, int size) {
        if (signaling(a, size) || signaling(n, size) || signaling(m, size)) {
            return IOC;
        }
        double x = Fp.toDouble(a, size);
        double p = Fp.toDouble(n, size);
        double q = Fp.toDouble(m, size);
        double v = Fp.toDouble(r, size);
        if (Double.isNaN(x) || Double.isNaN(p) || Double.isNaN(q)) {
            return 0;
        }
        if (Double.isNaN(v)) {
            return IOC;
        }
        boolean finite = !Double.isInfinite(x) && !Double.isInfinite(p) && !Double.isInfinite(q);
        if (!finite || Double.isInfinite(v)) {
            return finish(false, finite, r, size, false);
        }
        // exact value = hi + lo + x; residual against v through TwoSum steps
        double hi = p * q;
        double lo = Math.fma(p, q, -hi);
        double s1 = hi + x;
        double e1 = twoSumError(hi, x, s1);
        double s2 = s1 - v;
        double e2 = twoSumError(s1, -v, s2);
        // (s2 + e2) + (e1 + lo) is the exact residual up to a final rounding, which can hide a
        // nonzero residual only in rare cancellations
        boolean inexact = (s2 + e2) + (e1 + lo) != 0;
        return finish(inexact, true, r, size, false);
    }

    /** Exceptions of FSQRT. */
    public static int sqrt(long a, long r, int size) {
        if (signaling(a, size)) {
            return IOC;
        }
        double x = Fp.toDouble(a, size);
        double v = Fp.toDouble(r, size);
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return 0;
        }
        if (Double.isNaN(v)) {
            return IOC;
        }
        return Math.fma(v, v, -x) != 0 ? IXC : 0;
    }

    /** Exceptions of a conversion to integer in rounding mode {@code mode}: invalid for NaN or out of range, else inexact when rounding changed the value. */
    public static int toInt(long a, int size, int mode, boolean unsigned, int bits, int fbits) {
        double x = Fp.toDouble(a, size);
        if (Double.isNaN(x)) {
            return IOC;
        }
        double scaled = fbits != 0 ? x * Math.pow(2, fbits) : x;
        double rounded = Fp.round(scaled, mode);
        double max = unsigned ? Math.pow(2, bits) : Math.pow(2, bits - 1);
        double min = unsigned ? 0 : -Math.pow(2, bits - 1);
        if (rounded >= max || rounded < min) {
            return IOC;
        }
        return rounded != scaled ? IXC : 0;
    }

    /** Exceptions of a conversion from an integer: inexact when the value does not fit the format exactly. */
    public static int fromInt(long v, boolean unsigned, int bits, long r, int size, int fbits) {
        double d = Fp.toDouble(r, size);
        long value = bits == 32 ? (unsigned ? v & 0xffffffffL : (int) v) : v;
        if (fbits == 0 && !(unsigned && bits == 64 && v < 0)) {
            return d < 9.223372036854775807E18 && d >= -9.223372036854775808E18 && (long) d == value ? 0 : IXC;
        }
        java.math.BigDecimal exact = new java.math.BigDecimal(unsigned && bits == 64 ? new java.math.BigInteger(Long.toUnsignedString(v))
                : java.math.BigInteger.valueOf(value));
        if (fbits != 0) {
            exact = exact.divide(java.math.BigDecimal.valueOf(2).pow(fbits));
        }
        return exact.compareTo(new java.math.BigDecimal(d)) != 0 ? IXC : 0;
    }

    /** Exceptions of a precision conversion (FCVT). */
    public static int convert(long a, int from, long r, int to) {
        if (signaling(a, from)) {
            return IOC;
        }
        double x = Fp.toDouble(a, from);
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return 0;
        }
        double v = Fp.toDouble(r, to);
        return finish(v != x, true, r, to, false);
    }

    /** Exceptions of FCMP (signaling NaN only) and FCMPE (any NaN). */
    public static int compare(long a, long b, int size, boolean signalAll) {
        if (signaling(a, size) || signaling(b, size)) {
            return IOC;
        }
        if (signalAll && (Fp.isNan(a, size) || Fp.isNan(b, size))) {
            return IOC;
        }
        return 0;
    }

    /** Exceptions of FRINTX (inexact when the value changed) and the other FRINTs (signaling NaN only). */
    public static int roundInt(long a, long r, int size, boolean exact) {
        if (signaling(a, size)) {
            return IOC;
        }
        return exact && !Fp.isNan(a, size) && Fp.toDouble(a, size) != Fp.toDouble(r, size) ? IXC : 0;
    }
}
