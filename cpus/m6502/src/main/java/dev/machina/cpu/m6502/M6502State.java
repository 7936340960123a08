package dev.machina.cpu.m6502;

/**
 * The architectural state of a 6502 family CPU, shared by every engine: A, X, Y, S (the stack
 * pointer into page one), PC and the status flags.
 *
 * <p>Flags are kept unpacked for speed: {@link #n} holds a value whose bit 7 is N, {@link #z}
 * a value that is zero exactly when Z is set (loads store the loaded byte in both), {@link #c}
 * is 0 or 1. {@link #p()} packs them into the P register's layout {@code NV1BDIZC}; bit 5 always
 * reads 1 and B exists only in the copy pushed by PHP/BRK (MCS6500 Programming Manual, ch. 3;
 * NESdev wiki, "Status flags").
 */
public final class M6502State {
    /** Flag masks of the P register. */
    public static final int FLAG_C = 0x01, FLAG_Z = 0x02, FLAG_I = 0x04, FLAG_D = 0x08,
            FLAG_B = 0x10, FLAG_U = 0x20, FLAG_V = 0x40, FLAG_N = 0x80;

    /** Accumulator, 0..255. */
    public int a;
    /** Index register X, 0..255. */
    public int x;
    /** Index register Y, 0..255. */
    public int y;
    /** Stack pointer, 0..255 (the stack is at $0100 + S). */
    public int s;
    /** Program counter, 0..65535. */
    public int pc;
    /** N flag: bit 7 of this value. */
    public int n;
    /** Z flag: set when {@code (z & 0xFF) == 0}. */
    public int z;
    /** Carry, 0 or 1. */
    public int c;
    /** Overflow. */
    public boolean v;
    /** Decimal mode. */
    public boolean d;
    /** IRQ disable. */
    public boolean i;

    /** Sets N and Z from an 8-bit result. */
    public void setNZ(int value) {
        n = value;
        z = value;
    }

    /** The Z flag. */
    public boolean zero() {
        return (z & 0xFF) == 0;
    }

    /** The N flag. */
    public boolean negative() {
        return (n & 0x80) != 0;
    }

    /** P as the CPU pushes it with PHP/BRK when {@code b} is true, or with IRQ/NMI when false (bit 5 set). */
    public int p(boolean b) {
        return (n & 0x80) | (v ? FLAG_V : 0) | FLAG_U | (b ? FLAG_B : 0) | (d ? FLAG_D : 0) | (i ? FLAG_I : 0)
                | (zero() ? FLAG_Z : 0) | c;
    }

    /** P as a register: bit 5 set, B (bit 4) clear, as the SingleStepTests suites show it. */
    public int p() {
        return p(false);
    }

    /** Loads the flags from a P value (bits 4 and 5 ignored), as PLP and RTI do. */
    public void setP(int p) {
        n = p & 0x80;
        v = (p & FLAG_V) != 0;
        d = (p & FLAG_D) != 0;
        i = (p & FLAG_I) != 0;
        z = (p & FLAG_Z) != 0 ? 0 : 1;
        c = p & FLAG_C;
    }

    @Override
    public String toString() {
        return String.format("A=%02X X=%02X Y=%02X S=%02X PC=%04X P=%02X", a, x, y, s, pc, p());
    }
}
