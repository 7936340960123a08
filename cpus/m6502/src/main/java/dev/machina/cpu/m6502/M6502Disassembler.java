package dev.machina.cpu.m6502;

import dev.machina.core.cpu.Disassembler;

import java.util.function.IntUnaryOperator;

/**
 * Disassembles 6502 family code in MOS syntax ({@code LDA ($20),Y}, {@code BBR3 $12,$C010}),
 * from the variant's {@link DecodeTable}. Branch operands are shown as their target address.
 * Reads memory through a side-effect-free peek function; addresses wrap at 64 KiB.
 */
public final class M6502Disassembler implements Disassembler {
    private final DecodeTable table;
    private final IntUnaryOperator peek;

    /**
     * @param variant which opcode matrix to use
     * @param peek    reads the byte at an address (0..65535) without side effects, 0..255
     */
    public M6502Disassembler(Variant variant, IntUnaryOperator peek) {
        this.table = DecodeTable.of(variant);
        this.peek = peek;
    }

    @Override
    public Line disassemble(long address) {
        int pc = (int) (address & 0xFFFF);
        Instruction in = table.get(peek.applyAsInt(pc));
        AddressingMode mode = in.mode();
        int b1 = peek.applyAsInt((pc + 1) & 0xFFFF);
        int b2 = peek.applyAsInt((pc + 2) & 0xFFFF);
        String operand = switch (mode) {
            case IMP, NONE -> "";
            case ACC -> "A";
            case REL -> String.format(mode.syntax(), (pc + 2 + (byte) b1) & 0xFFFF);
            case ZPR -> String.format(mode.syntax(), b1, (pc + 3 + (byte) b2) & 0xFFFF);
            default -> mode.operandBytes() == 1
                    ? String.format(mode.syntax(), b1)
                    : String.format(mode.syntax(), b1 | b2 << 8);
        };
        String text = operand.isEmpty() ? in.mnemonic() : in.mnemonic() + " " + operand;
        return new Line(address & 0xFFFF, mode.length(), text);
    }
}
