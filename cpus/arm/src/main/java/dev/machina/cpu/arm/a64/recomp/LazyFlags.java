package dev.machina.cpu.arm.a64.recomp;

import dev.machina.cpu.arm.a64.A64Cpu;
import dev.machina.cpu.arm.a64.Bits;

/**
 * NZCV of a flag-setting instruction whose flags the translated code has not computed yet
 * (lazy flags): the instruction's kind and operands are kept in locals, and NZCV is derived
 * from them only where something observes it (a condition, an exit, a fault, a semantics call).
 * The definitions are those of the Arm ARM (J1 shared/functions/integer/AddWithCarry for the
 * arithmetic kinds, the N and Z of the result with C = V = 0 for ANDS/BICS), the same as
 * {@link Bits#addWithCarry64} and the interpreter's logical instructions.
 *
 * <p>Kinds and their operands {@code a}, {@code b}, {@code r} (32-bit kinds hold their operands
 * zero-extended):
 * <ul>
 * <li>{@link #ADD64}, {@link #ADD32}: ADDS/CMN, {@code a + b}, carry in 0; {@code r} unused.
 * <li>{@link #SUB64}, {@link #SUB32}: SUBS/CMP, {@code a - b} = {@code a + NOT(b) + 1};
 *     {@code r} unused.
 * <li>{@link #ADC64}, {@link #ADC32}: ADCS/SBCS, {@code b} the addend as added (already
 *     inverted for SBCS), {@code r} the sum including the carry in (33 bits for ADC32).
 * <li>{@link #LOGIC64}, {@link #LOGIC32}: ANDS/BICS, {@code r} the result; {@code a}, {@code b}
 *     unused.
 * </ul>
 * Kind 0 means the flags are already in the block's flag locals.
 */
final class LazyFlags {
    static final int ADD64 = 1, ADD32 = 2, SUB64 = 3, SUB32 = 4, ADC64 = 5, ADC32 = 6, LOGIC64 = 7, LOGIC32 = 8;
    private static final long W = 0xFFFFFFFFL;

    private LazyFlags() {
    }

    /** True for the 32-bit kinds. */
    static boolean narrow(int kind) {
        return (kind & 1) == 0;
    }

    /** NZCV (bits 3..0 = N, Z, C, V) of {@code kind} with operands {@code a}, {@code b}, {@code r}; kind 1..8. */
    static int nzcv(int kind, long a, long b, long r) {
        return switch (kind) {
            case ADD64 -> add64(a, b, a + b);
            case SUB64 -> add64(a, ~b, a - b);
            case ADC64 -> add64(a, b, r);
            case ADD32 -> add32(a, b, a + b);
            case SUB32 -> add32(a, ~b & W, a + (~b & W) + 1);
            case ADC32 -> add32(a, b, r);
            case LOGIC64 -> (int) (r >>> 63) << 3 | (r == 0 ? 4 : 0);
            case LOGIC32 -> ((int) r >>> 31) << 3 | ((int) r == 0 ? 4 : 0);
            default -> throw new IllegalArgumentException("lazy flags kind " + kind);
        };
    }

    private static int add64(long a, long b, long r) {
        return (int) (r >>> 63) << 3 | (r == 0 ? 4 : 0) | Bits.carryOut64(a, b, r) << 1 | Bits.overflow64(a, b, r);
    }

    /** The 32-bit AddWithCarry flags from zero-extended operands and their 33-bit sum. */
    private static int add32(long a, long b, long r) {
        return (int) (r >>> 31 & 1) << 3 | ((int) r == 0 ? 4 : 0) | (int) (r >>> 32 & 1) << 1 | (int) (((a ^ r) & (b ^ r)) >>> 31 & 1);
    }

    /** Writes the NZCV of {@code kind} to the CPU's flags; kind 0 leaves them as they are. */
    static void store(A64Cpu cpu, int kind, long a, long b, long r) {
        if (kind != 0) {
            cpu.setNzcv(nzcv(kind, a, b, r));
        }
    }

    /** {@link A64Cpu#conditionHolds} for {@code nzcv} in bits 3..0, as 0 or 1. */
    static int holds(int cond, int nzcv) {
        return A64Cpu.conditionHolds(cond, (nzcv & 8) != 0, (nzcv & 4) != 0, (nzcv & 2) != 0, (nzcv & 1) != 0) ? 1 : 0;
    }
}
