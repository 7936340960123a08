package dev.machina.cpu.x86;

import dev.machina.core.cpu.Disassembler;
import dev.machina.core.memory.AddressSpace;

/**
 * Intel-syntax 8086 disassembler derived from {@link Decoder}'s table, in the style of the
 * SingleStepTests 8086 test names: lower-case mnemonics, hexadecimal with an {@code h} suffix,
 * memory operands with their size and effective segment ({@code word [ss:bp+si-5Ch]}), string
 * instructions with their prefixes ({@code cs repne cmpsb}), branch targets as offsets.
 *
 * <p>The address given to {@link #disassemble} is a 20-bit physical address; offsets shown for
 * branches are relative to the 64 KiB segment, so they assume the instruction's offset is the
 * address's low 16 bits (exact when CS is a multiple of 0x1000).
 */
public final class X86Disassembler implements Disassembler {
    private static final String[] R8 = {"al", "cl", "dl", "bl", "ah", "ch", "dh", "bh"};
    private static final String[] R16 = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di"};
    private static final String[] SR = {"es", "cs", "ss", "ds"};
    private static final String[] BASE = {"bx+si", "bx+di", "bp+si", "bp+di", "si", "di", "bp", "bx"};

    private final AddressSpace mem;

    /** @param mem the 20-bit program space to read */
    public X86Disassembler(AddressSpace mem) {
        this.mem = mem;
    }

    @Override
    public Line disassemble(long address) {
        return disassemble(address, (int) address & 0xFFFF);
    }

    /**
     * Disassembles the instruction at physical {@code address} whose offset in CS is {@code ip}.
     */
    public Line disassemble(long address, int ip) {
        Cursor c = new Cursor((int) address);
        int seg = -1;
        StringBuilder prefixes = new StringBuilder();
        int rep = 0;
        int op;
        for (;;) {
            op = c.u8();
            Decoder.Kind k = Decoder.entry(op).kind();
            if (k == Decoder.Kind.SEG) {
                seg = (op >>> 3) & 3;
            } else if (k == Decoder.Kind.REP) {
                rep = op;
            } else if (k == Decoder.Kind.LOCK) {
                prefixes.append("lock ");
            } else {
                break;
            }
            if (c.n > 15) {
                return new Line(address, c.n, "(prefixes)");
            }
        }
        Decoder.Entry e = Decoder.entry(op);
        int modrm = Decoder.hasModrm(op) ? c.u8() : 0;
        e = Decoder.entry(op, modrm);
        int bits = e.bits();
        String text = switch (e.form()) {
            case NONE -> e.mnemonic();
            case STRING -> (seg >= 0 ? SR[seg] + " " : "") + prefixes + repName(rep, e.kind()) + e.mnemonic();
            case PREFIX -> e.mnemonic();
            case EG -> e.mnemonic() + " " + rm(c, modrm, bits, seg) + ", " + reg(modrm >> 3, bits);
            case GE -> e.mnemonic() + " " + reg(modrm >> 3, bits) + ", " + rm(c, modrm, bits, seg);
            case ACC_IMM -> e.mnemonic() + " " + reg(0, bits) + ", " + hex(imm(c, bits));
            case E_IMM -> e.mnemonic() + " " + rm(c, modrm, bits, seg) + ", " + hex(imm(c, bits));
            case E_SIMM8 -> e.mnemonic() + " " + rm(c, modrm, bits, seg) + ", " + hex(((byte) c.u8()) & 0xFFFF);
            case REG -> e.mnemonic() + " " + R16[op & 7];
            case REG_IMM -> e.mnemonic() + " " + reg(op & 7, bits) + ", " + hex(imm(c, bits));
            case ACC_REG -> e.mnemonic() + " " + R16[op & 7] + ", ax";
            case SREG -> e.mnemonic() + " " + SR[(op >> 3) & 3];
            case E_SREG -> e.mnemonic() + " " + rm(c, modrm, 16, seg) + ", " + SR[(modrm >> 3) & 3];
            case SREG_E -> e.mnemonic() + " " + SR[(modrm >> 3) & 3] + ", " + rm(c, modrm, 16, seg);
            case REL8 -> {
                int d = (byte) c.u8();
                yield e.mnemonic() + " " + hex4(ip + c.n + d);
            }
            case REL16 -> {
                int d = c.u16();
                yield e.mnemonic() + " " + hex4(ip + c.n + d);
            }
            case FAR -> {
                int off = c.u16();
                yield e.mnemonic() + " " + hex4(c.u16()) + ":" + hex4(off);
            }
            case ACC_MEM -> e.mnemonic() + " " + reg(0, bits) + ", " + size(bits) + "[" + SR[seg >= 0 ? seg : 3] + ":" + hex(c.u16()) + "]";
            case MEM_ACC -> e.mnemonic() + " " + size(bits) + "[" + SR[seg >= 0 ? seg : 3] + ":" + hex(c.u16()) + "], " + reg(0, bits);
            case E -> e.mnemonic() + " " + rm(c, modrm, bits, seg);
            case GM -> e.mnemonic() + (e.kind() == Decoder.Kind.LEA ? " " + R16[(modrm >> 3) & 7] + ", " + rm(c, modrm, 0, seg)
                    : e.kind() == Decoder.Kind.LES || e.kind() == Decoder.Kind.LDS ? " " + R16[(modrm >> 3) & 7] + ", " + rm(c, modrm, 32, seg)
                    : " " + rm(c, modrm, 16, seg));
            case E_1 -> e.mnemonic() + " " + rm(c, modrm, bits, seg);
            case E_CL -> e.mnemonic() + " " + rm(c, modrm, bits, seg) + ", cl";
            case IMM16 -> e.mnemonic() + " " + hex(c.u16());
            case IMM8 -> e.mnemonic() + " " + hex(c.u8());
            case ACC_PORT -> e.mnemonic() + " " + reg(0, bits) + ", " + hex(c.u8());
            case PORT_ACC -> e.mnemonic() + " " + hex(c.u8()) + ", " + reg(0, bits);
            case ACC_DX -> e.mnemonic() + " " + reg(0, bits) + ", dx";
            case DX_ACC -> e.mnemonic() + " dx, " + reg(0, bits);
            case ESC -> e.mnemonic() + " " + rm(c, modrm, 16, seg);
        };
        if (e.form() != Decoder.Form.STRING && !prefixes.isEmpty()) {
            text = prefixes + text;
        }
        return new Line(address, c.n, text);
    }

    /** REP/REPNE as written before a string instruction: repe/repne for CMPS and SCAS, else rep. */
    private static String repName(int rep, Decoder.Kind kind) {
        if (rep == 0) {
            return "";
        }
        boolean compares = kind == Decoder.Kind.CMPS || kind == Decoder.Kind.SCAS;
        return !compares ? "rep " : rep == 0xF3 ? "repe " : "repne ";
    }

    private static String reg(int n, int bits) {
        return bits == 8 ? R8[n & 7] : R16[n & 7];
    }

    private static String size(int bits) {
        return switch (bits) {
            case 8 -> "byte ";
            case 16 -> "word ";
            case 32 -> "dword ";
            default -> "";
        };
    }

    private static String rm(Cursor c, int modrm, int bits, int seg) {
        int mod = modrm >>> 6;
        int rm = modrm & 7;
        if (mod == 3) {
            return reg(rm, bits == 0 || bits == 32 ? 16 : bits);
        }
        String base;
        int dseg;
        int disp = 0;
        if (mod == 0 && rm == 6) {
            base = hex(c.u16());
            dseg = 3;
        } else {
            base = BASE[rm];
            dseg = rm == 2 || rm == 3 || rm == 6 ? 2 : 3;
            if (mod == 1) {
                disp = (byte) c.u8();
            } else if (mod == 2) {
                disp = (short) c.u16();
            }
        }
        String d = mod == 0 ? "" : disp < 0 ? "-" + hex(-disp) : "+" + hex(disp);
        return size(bits) + "[" + SR[seg >= 0 ? seg : dseg] + ":" + base + d + "]";
    }

    private static int imm(Cursor c, int bits) {
        return bits == 8 ? c.u8() : c.u16();
    }

    private static String hex(int v) {
        return Integer.toHexString(v).toUpperCase() + "h";
    }

    private static String hex4(int v) {
        return String.format("%04Xh", v & 0xFFFF);
    }

    /** Reads instruction bytes forward from a physical address. */
    private final class Cursor {
        final int start;
        int n;

        Cursor(int start) {
            this.start = start;
        }

        int u8() {
            return mem.read8((start + n++) & 0xFFFFF);
        }

        int u16() {
            int lo = u8();
            return lo | (u8() << 8);
        }
    }
}
