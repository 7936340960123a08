package dev.machina.cpu.arm.a64;

/**
 * Directed rounding (FPCR.RMode RP, RM, RZ) for the scalar FP operations: the operation is
 * computed rounded to nearest, then moved one unit in the last place when the exact residual
 * (exact result minus the rounded one, from TwoSum and fused multiply-add) points the other way;
 * an overflow to infinity becomes the largest finite value where the mode rounds toward zero.
 * Single and double precision; half precision stays rounded to nearest.
 */
public final class FpRounding {
    private FpRounding() {
    }

    private static double twoSumError(double x, double y, double s) {
        double bb = s - x;
        return (x - (s - bb)) + (y - bb);
    }

    /** Sign of (exact - rounded) for {@link Fp#binary} ops 0 FMUL, 1 FDIV, 2 FADD, 3 FSUB, 8 FNMUL; 0 when exact or not applicable. */
    static double residual(int op, double x, double y, double v) {
        return switch (op) {
            case 0 -> Math.fma(x, y, -v);
            case 8 -> -Math.fma(x, y, v);
            case 1 -> -Math.fma(v, y, -x) * Math.signum(y);
            case 2, 3 -> {
                double yy = op == 3 ? -y : y;
                double s = x + yy;
                yield (s - v) + twoSumError(x, yy, s);
            }
            default -> 0;
        };
    }

    /** Applies rounding mode {@code mode} (1 RP, 2 RM, 3 RZ) to {@code r}, rounded to nearest, given the residual's sign. */
    static long adjust(long r, double residual, int mode, int size, boolean overflowFromFinite) {
        if (size == 1 || mode == 0) {
            return r;
        }
        double v = Fp.toDouble(r, size);
        if (Double.isNaN(v)) {
            return r;
        }
        if (Double.isInfinite(v)) {
            if (!overflowFromFinite) {
                return r;
            }
            boolean towardZero = mode == 3 || (mode == 1 && v < 0) || (mode == 2 && v > 0);
            if (!towardZero) {
                return r;
            }
            double max = size == 2 ? Float.MAX_VALUE : Double.MAX_VALUE;
            return Fp.fromDouble(Math.copySign(max, v), size);
        }
        boolean up = residual > 0 && (mode == 1 || (mode == 3 && v < 0));
        boolean down = residual < 0 && (mode == 2 || (mode == 3 && v > 0));
        if (size == 2) {
            float f = (float) v;
            return up ? Float.floatToRawIntBits(Math.nextUp(f)) & 0xffffffffL : down ? Float.floatToRawIntBits(Math.nextDown(f)) & 0xffffffffL : r;
        }
        return up ? Double.doubleToRawLongBits(Math.nextUp(v)) : down ? Double.doubleToRawLongBits(Math.nextDown(v)) : r;
    }

    /** {@link Fp#binary} in rounding mode {@code mode}. */
    public static long binary(int op, long a, long b, int size, int mode) {
        long r = Fp.binary(op, a, b, size);
        if (mode == 0 || op > 3 && op != 8) {
            return r;
        }
        double x = Fp.toDouble(a, size);
        double y = Fp.toDouble(b, size);
        double v = Fp.toDouble(r, size);
        boolean finite = !Double.isInfinite(x) && !Double.isInfinite(y) && !Double.isNaN(x) && !Double.isNaN(y);
        double res = finite && !Double.isInfinite(v) ? residual(op, x, y, v) : 0;
        return adjust(r, res, mode, size, finite && Double.isInfinite(v) && !(op == 1 && y == 0));
    }

    /** {@link Fp#fma} ({@code a + n*m}) in rounding mode {@code mode}. */
    public static long fma(long a, long n, long m, int size, int mode) {
        long r = Fp.fma(a, n, m, size);
        if (mode == 0) {
            return r;
        }
        double x = Fp.toDouble(a, size);
        double p = Fp.toDouble(n, size);
        double q = Fp.toDouble(m, size);
        double v = Fp.toDouble(r, size);
        boolean finite = Double.isFinite(x) && Double.isFinite(p) && Double.isFinite(q);
        if (!finite || !Double.isFinite(v)) {
            return adjust(r, 0, mode, size, finite && Double.isInfinite(v));
        }
        double hi = p * q;
        double lo = Math.fma(p, q, -hi);
        double s1 = hi + x;
        double e1 = twoSumError(hi, x, s1);
        double s2 = s1 - v;
        double e2 = twoSumError(s1, -v, s2);
        return adjust(r, (s2 + e2) + (e1 + lo), mode, size, false);
    }

    /** {@link Fp#sqrt} in rounding mode {@code mode}. */
    public static long sqrt(long a, int size, int mode) {
        long r = Fp.sqrt(a, size);
        if (mode == 0) {
            return r;
        }
        double x = Fp.toDouble(a, size);
        double v = Fp.toDouble(r, size);
        if (!Double.isFinite(v) || x < 0) {
            return r;
        }
        return adjust(r, -Math.fma(v, v, -x), mode, size, false);
    }
}
