package dev.machina.core.cpu;

/** Turns machine code into text in the ISA's standard syntax. */
public interface Disassembler {

    /**
     * One disassembled instruction.
     *
     * @param address where it starts
     * @param length  its length in bytes, &ge; 1
     * @param text    mnemonic and operands in the manufacturer's syntax, e.g. {@code LDA ($20),Y}
     */
    record Line(long address, int length, String text) {
    }

    /** Disassembles the instruction at {@code address}, reading memory without side effects. */
    Line disassemble(long address);
}
