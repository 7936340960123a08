package dev.machina.cpu.arm.a64;

/**
 * Bit-level helpers of the Arm ARM pseudocode (DDI 0487, chapter J1 "shared/functions"):
 * sign extension, DecodeBitMasks, AddWithCarry, shifts and extends.
 */
public final class Bits {
    private Bits() {
    }

    /** Sign-extends the low {@code bits} bits of {@code v}. */
    public static long sext(long v, int bits) {
        return v << (64 - bits) >> (64 - bits);
    }

    /** A mask of {@code n} low ones, 0 &le; n &le; 64. */
    public static long ones(int n) {
        return n >= 64 ? -1L : (1L << n) - 1;
    }

    /** Rotate right within {@code width} bits (width a power of two &le; 64). */
    public static long ror(long v, int r, int width) {
        if (r == 0) {
            return v;
        }
        if (width == 64) {
            return Long.rotateRight(v, r);
        }
        long m = ones(width);
        v &= m;
        return ((v >>> r) | (v << (width - r))) & m;
    }

    /** Replicates the low {@code esize} bits of {@code v} across 64 bits. */
    public static long replicate(long v, int esize) {
        v &= ones(esize);
        for (int s = esize; s < 64; s <<= 1) {
            v |= v << s;
        }
        return v;
    }

    /**
     * DecodeBitMasks: the {@code wmask} of a logical immediate ({@code tmask} when
     * {@code wantT}), or {@link Undefined} for a reserved encoding.
     *
     * @param immediate true for logical immediates (all-ones element is reserved)
     */
    public static long decodeBitMasks(int nBit, int imms, int immr, boolean immediate, int dataSize, boolean wantT) {
        int combined = nBit << 6 | (~imms & 0x3f);
        int len = 31 - Integer.numberOfLeadingZeros(combined);
        if (len < 1) {
            throw Undefined.INSTANCE;
        }
        int levels = (int) ones(len);
        if (immediate && (imms & levels) == levels) {
            throw Undefined.INSTANCE;
        }
        int s = imms & levels;
        int r = immr & levels;
        int esize = 1 << len;
        if (esize > dataSize) {
            throw Undefined.INSTANCE;
        }
        if (wantT) {
            int d = (s - r) & levels;
            return replicate(ones(d + 1), esize) & ones(dataSize);
        }
        long welem = ones(s + 1);
        return replicate(ror(welem, r, esize), esize) & ones(dataSize);
    }

    /** The shifted-register operand: {@code type} 0 LSL, 1 LSR, 2 ASR, 3 ROR. */
    public static long shift64(long v, int type, int amount) {
        return switch (type) {
            case 0 -> v << amount;
            case 1 -> v >>> amount;
            case 2 -> v >> amount;
            default -> Long.rotateRight(v, amount);
        };
    }

    /** As {@link #shift64} on 32 bits; result zero-extended. */
    public static long shift32(long v, int type, int amount) {
        int w = (int) v;
        int r = switch (type) {
            case 0 -> w << amount;
            case 1 -> w >>> amount;
            case 2 -> w >> amount;
            default -> Integer.rotateRight(w, amount);
        };
        return r & 0xffffffffL;
    }

    /** ExtendReg: option 0..7 = UXTB, UXTH, UXTW, UXTX, SXTB, SXTH, SXTW, SXTX, then shifted left by {@code shift}. */
    public static long extend(long v, int option, int shift) {
        long e = switch (option) {
            case 0 -> v & 0xff;
            case 1 -> v & 0xffff;
            case 2 -> v & 0xffffffffL;
            case 4 -> (byte) v;
            case 5 -> (short) v;
            case 6 -> (int) v;
            default -> v;
        };
        return e << shift;
    }

    /** AddWithCarry on 64 bits: returns the sum and sets N, Z, C, V when {@code setFlags}. */
    public static long addWithCarry64(A64Cpu cpu, long a, long b, boolean carry, boolean setFlags) {
        long r = a + b + (carry ? 1 : 0);
        if (setFlags) {
            cpu.n = r < 0;
            cpu.z = r == 0;
            cpu.c = carryOut64(a, b, r) != 0;
            cpu.v = overflow64(a, b, r) != 0;
        }
        return r;
    }

    /**
     * The carry out (0 or 1) of the 64-bit sum {@code r = a + b + carryIn}: the majority of the
     * operands' top bits and the inverted top bit of the result (the recompiler computes C this way too).
     */
    public static int carryOut64(long a, long b, long r) {
        return (int) (((a & b) | ((a | b) & ~r)) >>> 63);
    }

    /** The signed overflow (0 or 1) of the 64-bit sum {@code r = a + b + carryIn}. */
    public static int overflow64(long a, long b, long r) {
        return (int) (((a ^ r) & (b ^ r)) >>> 63);
    }

    /** AddWithCarry on 32 bits: returns the zero-extended sum, sets flags when asked. */
    public static long addWithCarry32(A64Cpu cpu, long a, long b, boolean carry, boolean setFlags) {
        long ua = a & 0xffffffffL;
        long ub = b & 0xffffffffL;
        long sum = ua + ub + (carry ? 1 : 0);
        int r = (int) sum;
        if (setFlags) {
            cpu.n = r < 0;
            cpu.z = r == 0;
            cpu.c = (sum >>> 32) != 0;
            cpu.v = (((int) a ^ r) & ((int) b ^ r)) < 0;
        }
        return r & 0xffffffffL;
    }

    /**
     * AND/ORR/EOR/ANDS ({@code opc} 0..3 of the logical instruction classes, immediate and
     * shifted register alike): {@code a op b} truncated to 32 bits unless {@code sf}; ANDS also
     * sets N and Z and clears C and V (Arm ARM C6.2, AND/ANDS).
     */
    public static long logical(A64Cpu cpu, int opc, long a, long b, boolean sf) {
        long r = switch (opc) {
            case 0, 3 -> a & b;
            case 1 -> a | b;
            default -> a ^ b;
        };
        if (!sf) {
            r &= 0xffffffffL;
        }
        if (opc == 3) {
            if (sf) {
                logicFlags64(cpu, r);
            } else {
                logicFlags32(cpu, r);
            }
        }
        return r;
    }

    /** Sets N and Z from a 64-bit result and clears C and V (logical ops with S). */
    public static void logicFlags64(A64Cpu cpu, long r) {
        cpu.n = r < 0;
        cpu.z = r == 0;
        cpu.c = false;
        cpu.v = false;
    }

    /** As {@link #logicFlags64} for a 32-bit result. */
    public static void logicFlags32(A64Cpu cpu, long r) {
        cpu.n = (int) r < 0;
        cpu.z = (int) r == 0;
        cpu.c = false;
        cpu.v = false;
    }
}
