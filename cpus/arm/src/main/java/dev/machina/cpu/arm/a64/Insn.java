package dev.machina.cpu.arm.a64;

/**
 * One row of the A64 decode table: the encoding pattern, its semantics and its disassembly.
 * An instruction word {@code w} belongs to the row when {@code (w & mask) == match}; rows are
 * tried in table order, so more specific rows come first. Patterns follow the Arm Architecture
 * Reference Manual for A-profile (DDI 0487), chapter C4 "A64 Instruction Set Encoding".
 *
 * @param mnemonic the class name used by listings and errors (e.g. {@code "ADD (immediate)"})
 * @param mask     the fixed bits of the pattern
 * @param match    their values
 * @param exec     the semantics (throws {@link Undefined} for reserved sub-encodings)
 * @param format   the disassembly in Arm syntax
 */
public record Insn(String mnemonic, int mask, int match, Exec exec, Format format) {

    /** An instruction's semantics, executed with {@link A64Cpu#pc} at the instruction. */
    @FunctionalInterface
    public interface Exec {
        /** Executes {@code insn} on {@code cpu}. @throws Undefined for a reserved encoding */
        void exec(A64Cpu cpu, int insn);
    }

    /** An instruction's disassembly. */
    @FunctionalInterface
    public interface Format {
        /** Arm-syntax text of {@code insn} located at {@code pc}, e.g. {@code "add x0, x1, #0x10"}. */
        String format(int insn, long pc);
    }

    /** True when {@code insn} matches this row. */
    public boolean matches(int insn) {
        return (insn & mask) == match;
    }
}
