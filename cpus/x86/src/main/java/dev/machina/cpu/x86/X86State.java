package dev.machina.cpu.x86;

/**
 * The architectural state of an x86 CPU, shared by every engine: the eight general registers
 * (held 32 bits wide so the i386 can use the same file; the 8086 uses their low 16 bits), the
 * segment registers, the instruction pointer and the flags word, plus the halt and
 * interrupt-shadow latches.
 *
 * <p>Register numbers follow the ModR/M encoding (Intel 8086 Family User's Manual, table 4-9):
 * word registers AX CX DX BX SP BP SI DI = 0..7; byte registers AL CL DL BL AH CH DH BH = 0..7
 * (4..7 are the high bytes of 0..3); segment registers ES CS SS DS = 0..3.
 */
public final class X86State {
    /** Word register numbers. */
    public static final int AX = 0, CX = 1, DX = 2, BX = 3, SP = 4, BP = 5, SI = 6, DI = 7;
    /** Segment register numbers. */
    public static final int ES = 0, CS = 1, SS = 2, DS = 3;

    /** Carry flag (bit 0). */
    public static final int CF = 0x0001;
    /** Parity flag (bit 2): even number of set bits in the low byte of the result. */
    public static final int PF = 0x0004;
    /** Auxiliary (BCD) carry flag (bit 4): carry out of bit 3. */
    public static final int AF = 0x0010;
    /** Zero flag (bit 6). */
    public static final int ZF = 0x0040;
    /** Sign flag (bit 7). */
    public static final int SF = 0x0080;
    /** Trap (single-step) flag (bit 8). */
    public static final int TF = 0x0100;
    /** Interrupt-enable flag (bit 9). */
    public static final int IF = 0x0200;
    /** Direction flag (bit 10): string instructions decrement when set. */
    public static final int DF = 0x0400;
    /** Overflow flag (bit 11). */
    public static final int OF = 0x0800;
    /** The arithmetic status flags (OF SF ZF AF PF CF). */
    public static final int STATUS = CF | PF | AF | ZF | SF | OF;
    /** Flag bits the 8086 can change (the others read as fixed values). */
    public static final int WRITABLE_8086 = STATUS | TF | IF | DF;
    /** Bits that always read as 1 on the 8086: bits 12-15 and bit 1. */
    public static final int FIXED_ONES_8086 = 0xF002;

    /** General registers AX..DI, 32 bits each (the 8086 keeps the upper half zero). */
    public final int[] r = new int[8];
    /** Segment registers ES, CS, SS, DS (16-bit selectors/paragraphs). */
    public final int[] sr = new int[4];
    /** Instruction pointer: offset of the next instruction in CS, 0..0xFFFF on the 8086. */
    public int ip;
    /** The flags register as the 8086 reads it (bits 12-15 and 1 set). */
    public int flags = FIXED_ONES_8086;
    /** True after HLT until an interrupt (or reset) resumes execution. */
    public boolean halted;

    /** Byte register {@code n} (0..7: AL CL DL BL AH CH DH BH), 0..255. */
    public int reg8(int n) {
        return (r[n & 3] >>> ((n & 4) << 1)) & 0xFF;
    }

    /** Sets byte register {@code n} (0..7) to the low 8 bits of {@code v}. */
    public void setReg8(int n, int v) {
        int sh = (n & 4) << 1;
        r[n & 3] = (r[n & 3] & ~(0xFF << sh)) | ((v & 0xFF) << sh);
    }

    /** Word register {@code n} (0..7), 0..0xFFFF. */
    public int reg16(int n) {
        return r[n] & 0xFFFF;
    }

    /** Sets word register {@code n} to the low 16 bits of {@code v} (bits 16-31 kept). */
    public void setReg16(int n, int v) {
        r[n] = (r[n] & 0xFFFF0000) | (v & 0xFFFF);
    }

    /** Whether every flag in {@code mask} is set. */
    public boolean flag(int mask) {
        return (flags & mask) != 0;
    }

    /** Sets or clears the flags in {@code mask}. */
    public void setFlag(int mask, boolean on) {
        flags = on ? flags | mask : flags & ~mask;
    }

    /** Writes the flags as POPF/IRET do on the 8086: fixed bits forced. */
    public void loadFlags8086(int v) {
        flags = (v & WRITABLE_8086) | FIXED_ONES_8086;
    }

    /** The 20-bit physical address of {@code segment:offset} (wrapping at 1 MiB). */
    public int linear(int segment, int offset) {
        return ((sr[segment] << 4) + (offset & 0xFFFF)) & 0xFFFFF;
    }

    /** Power-on/RESET state (8086 manual, "System reset"): CS=FFFF, IP=0, flags clear. */
    public void reset() {
        java.util.Arrays.fill(r, 0);
        java.util.Arrays.fill(sr, 0);
        sr[CS] = 0xFFFF;
        ip = 0;
        flags = FIXED_ONES_8086;
        halted = false;
    }
}
