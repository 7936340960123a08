package dev.machina.cpu.z80;

import dev.machina.core.cpu.Disassembler;
import dev.machina.core.memory.AddressSpace;

/**
 * Zilog-syntax disassembly driven by the decode tables of {@link Z80Decoder}: the entry's text
 * with its placeholders filled from the bytes that follow. Numbers are hexadecimal with an
 * {@code H} suffix ({@code LD A,3EH}, {@code JP 0100H}, {@code (IX+05H)}, {@code (IX-02H)}).
 * Reads memory with {@link AddressSpace#read8}; disassembling RAM or ROM has no side effects.
 */
public final class Z80Disassembler implements Disassembler {
    private final AddressSpace mem;

    /** @param mem the 16-bit program space to read instructions from */
    public Z80Disassembler(AddressSpace mem) {
        this.mem = mem;
    }

    @Override
    public Line disassemble(long address) {
        int start = (int) address & 0xFFFF;
        int pos = start;
        int op = byteAt(pos++);
        Z80Decoder.Instr in;
        int displacement = 0;
        boolean dBefore = false;
        if (op == 0xCB) {
            in = Z80Decoder.entry(0xCB, byteAt(pos++));
        } else if (op == 0xED) {
            in = Z80Decoder.entry(0xED, byteAt(pos++));
        } else if (op == 0xDD || op == 0xFD) {
            int next = byteAt(pos);
            if (next == 0xDD || next == 0xFD || next == 0xED) {
                return new Line(start, 1, "NOP*");
            }
            pos++;
            if (next == 0xCB) {
                displacement = (byte) byteAt(pos++);
                dBefore = true;
                in = Z80Decoder.entry(op == 0xDD ? 0xDDCB : 0xFDCB, byteAt(pos++));
            } else {
                in = Z80Decoder.entry(op, next);
                if (!in.text().contains("IX") && !in.text().contains("IY")) {
                    // the prefix has no effect on this opcode: it acts as a NOP of its own
                    return new Line(start, 1, "NOP*");
                }
            }
        } else {
            in = Z80Decoder.entry(0, op);
        }
        String text = in.text();
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '{') {
                out.append(c);
                i++;
                continue;
            }
            int close = text.indexOf('}', i);
            String field = text.substring(i + 1, close);
            i = close + 1;
            switch (field) {
                case "n" -> out.append(hex(byteAt(pos++), 2));
                case "nn" -> {
                    int lo = byteAt(pos++);
                    out.append(hex(lo | byteAt(pos++) << 8, 4));
                }
                case "d" -> {
                    int d = dBefore ? displacement : (byte) byteAt(pos++);
                    // "(IX+{d})": replace the '+' already written when d is negative
                    if (d < 0) {
                        out.setLength(out.length() - 1);
                        out.append('-');
                    }
                    out.append(hex(Math.abs(d), 2));
                }
                case "e" -> {
                    int d = (byte) byteAt(pos++);
                    out.append(hex((pos + d) & 0xFFFF, 4));
                }
                default -> throw new IllegalStateException("z80 decode text has unknown field {" + field + "}");
            }
        }
        return new Line(start, (pos - start) & 0xFFFF, out.toString());
    }

    private int byteAt(int address) {
        return mem.read8(address & 0xFFFF);
    }

    private static String hex(int v, int digits) {
        String h = String.format("%0" + digits + "X", v);
        return (Character.isLetter(h.charAt(0)) ? "0" : "") + h + "H";
    }
}
