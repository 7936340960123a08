package dev.machina.cpu.arm.a64;

import dev.machina.core.cpu.Disassembler;

/**
 * Disassembles A64 through the {@link DecodeTable} rows' formatters; words that match no row
 * print as {@code .inst 0x...} (the GNU objdump convention). Reading memory has no side
 * effects; an unmapped address prints {@code <unmapped>}.
 */
public final class A64Disassembler implements Disassembler {
    private final PagedMemory memory;

    /** A disassembler reading {@code memory}. */
    public A64Disassembler(PagedMemory memory) {
        this.memory = memory;
    }

    @Override
    public Line disassemble(long address) {
        int insn;
        try {
            insn = memory.read32(address);
        } catch (MemoryFault f) {
            return new Line(address, 4, "<unmapped>");
        }
        return new Line(address, 4, format(insn, address));
    }

    /** The text of instruction word {@code insn} at {@code pc}. */
    public static String format(int insn, long pc) {
        Insn row = DecodeTable.a64().lookup(insn);
        if (row == null) {
            return ".inst 0x" + String.format("%08x", insn);
        }
        return row.format().format(insn, pc);
    }
}
