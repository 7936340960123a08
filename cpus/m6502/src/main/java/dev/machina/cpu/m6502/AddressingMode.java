package dev.machina.cpu.m6502;

/**
 * 6502 family addressing modes, with the operand length and the assembler syntax of each
 * (MOS MCS6500 Programming Manual, appendix; WDC W65C02S datasheet, table 5-3, for the CMOS
 * additions {@link #ZPI}, {@link #AIX} and {@link #ZPR}).
 */
public enum AddressingMode {
    /** Implied, two cycles at least (opcode fetch, dummy read of the next byte). */
    IMP(0, ""),
    /** 65C02 one-byte, one-cycle NOP: only the opcode fetch. */
    NONE(0, ""),
    /** Accumulator: {@code ASL A}. */
    ACC(0, "A"),
    /** Immediate: {@code #$nn}. */
    IMM(1, "#$%02X"),
    /** Zero page: {@code $nn}. */
    ZP(1, "$%02X"),
    /** Zero page indexed by X, wrapping within page zero: {@code $nn,X}. */
    ZPX(1, "$%02X,X"),
    /** Zero page indexed by Y: {@code $nn,Y}. */
    ZPY(1, "$%02X,Y"),
    /** Absolute: {@code $nnnn}. */
    ABS(2, "$%04X"),
    /** Absolute indexed by X: {@code $nnnn,X}. */
    ABX(2, "$%04X,X"),
    /** Absolute indexed by Y: {@code $nnnn,Y}. */
    ABY(2, "$%04X,Y"),
    /** Indexed indirect: {@code ($nn,X)}. */
    IZX(1, "($%02X,X)"),
    /** Indirect indexed: {@code ($nn),Y}. */
    IZY(1, "($%02X),Y"),
    /** Zero page indirect (65C02): {@code ($nn)}. */
    ZPI(1, "($%02X)"),
    /** Absolute indirect, JMP only: {@code ($nnnn)}. */
    IND(2, "($%04X)"),
    /** Absolute indexed indirect, JMP only (65C02): {@code ($nnnn,X)}. */
    AIX(2, "($%04X,X)"),
    /** PC-relative branch: the operand is shown as the target address. */
    REL(1, "$%04X"),
    /** Zero page and relative, BBR/BBS (65C02): {@code $nn,$target}. */
    ZPR(2, "$%02X,$%04X");

    private final int operandBytes;
    private final String syntax;

    AddressingMode(int operandBytes, String syntax) {
        this.operandBytes = operandBytes;
        this.syntax = syntax;
    }

    /** Operand bytes after the opcode, 0..2. */
    public int operandBytes() {
        return operandBytes;
    }

    /** Instruction length in bytes, 1..3. */
    public int length() {
        return 1 + operandBytes;
    }

    /** The {@link String#format} pattern of the operand (empty for none). */
    public String syntax() {
        return syntax;
    }
}
