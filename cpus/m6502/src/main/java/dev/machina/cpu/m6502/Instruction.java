package dev.machina.cpu.m6502;

/**
 * One entry of a {@link DecodeTable}: what opcode {@code opcode} does and how it addresses its
 * operand.
 *
 * @param opcode    0..255
 * @param operation the operation
 * @param mode      the addressing mode (gives the length in bytes)
 */
public record Instruction(int opcode, Operation operation, AddressingMode mode) {

    /** The mnemonic as assemblers write it, e.g. {@code "LDA"}, {@code "BBR3"}. */
    public String mnemonic() {
        return operation.hasBitNumber() ? operation.name() + ((opcode >> 4) & 7) : operation.name();
    }

    /** The bit number of RMB/SMB/BBR/BBS (bits 4-6 of the opcode). */
    public int bitNumber() {
        return (opcode >> 4) & 7;
    }
}
