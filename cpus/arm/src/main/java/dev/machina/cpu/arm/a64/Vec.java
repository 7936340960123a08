package dev.machina.cpu.arm.a64;

/**
 * Element access to the SIMD&amp;FP registers of an {@link A64Cpu} (Arm ARM "Elem[]"): element
 * {@code index} of size {@code 8 << size} bits ({@code size} 0..3 = B, H, S, D) of V{@code reg}.
 */
public final class Vec {
    private Vec() {
    }

    /** Element {@code index} of size {@code 8 << size} bits, zero-extended. */
    public static long get(A64Cpu c, int reg, int index, int size) {
        int bits = 8 << size;
        int pos = index * bits;
        long w = c.vreg[2 * reg + (pos >>> 6)];
        return bits == 64 ? w : (w >>> (pos & 63)) & ((1L << bits) - 1);
    }

    /** Element {@code index} sign-extended. */
    public static long getSigned(A64Cpu c, int reg, int index, int size) {
        int bits = 8 << size;
        return Bits.sext(get(c, reg, index, size), bits);
    }

    /** Writes element {@code index}; other elements keep their values. */
    public static void set(A64Cpu c, int reg, int index, int size, long value) {
        int bits = 8 << size;
        int pos = index * bits;
        int k = 2 * reg + (pos >>> 6);
        if (bits == 64) {
            c.vreg[k] = value;
            return;
        }
        long m = ((1L << bits) - 1) << (pos & 63);
        c.vreg[k] = (c.vreg[k] & ~m) | ((value << (pos & 63)) & m);
    }

    /** Writes a scalar of {@code 8 << size} bits (size 0..4) to V{@code reg}, zeroing the rest (Arm ARM "V[] ="). */
    public static void setScalar(A64Cpu c, int reg, int size, long lo) {
        c.vreg[2 * reg] = size >= 3 ? lo : lo & ((1L << (8 << size)) - 1);
        c.vreg[2 * reg + 1] = 0;
    }

    /** Clears bits 127..64 (a 64-bit vector result). */
    public static void clearHigh(A64Cpu c, int reg) {
        c.vreg[2 * reg + 1] = 0;
    }
}
