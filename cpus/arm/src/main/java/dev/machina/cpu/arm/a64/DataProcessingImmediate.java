package dev.machina.cpu.arm.a64;

import static dev.machina.cpu.arm.a64.Asm.imm;
import static dev.machina.cpu.arm.a64.Asm.r;
import static dev.machina.cpu.arm.a64.Asm.rd;
import static dev.machina.cpu.arm.a64.Asm.rn;
import static dev.machina.cpu.arm.a64.Asm.rsp;
import static dev.machina.cpu.arm.a64.Asm.sf;

import java.util.List;

/**
 * A64 "Data Processing -- Immediate" (Arm ARM C4.1.86): PC-relative addressing, add/subtract,
 * logical, move wide, bitfield and extract.
 */
public final class DataProcessingImmediate {
    private DataProcessingImmediate() {
    }

    static void register(List<Insn> t) {
        t.add(new Insn("ADR/ADRP", 0x1F000000, 0x10000000, DataProcessingImmediate::adr,
                (i, pc) -> (i < 0 ? "adrp " : "adr ") + r(rd(i), true) + ", " + Asm.addr(adrTarget(i, pc))));
        t.add(new Insn("ADD/SUB (immediate)", 0x1F800000, 0x11000000, DataProcessingImmediate::addSubImm, DataProcessingImmediate::fmtAddSub));
        t.add(new Insn("logical (immediate)", 0x1F800000, 0x12000000, DataProcessingImmediate::logicalImm, DataProcessingImmediate::fmtLogical));
        t.add(new Insn("move wide (immediate)", 0x1F800000, 0x12800000, DataProcessingImmediate::moveWide, DataProcessingImmediate::fmtMoveWide));
        t.add(new Insn("bitfield", 0x1F800000, 0x13000000, DataProcessingImmediate::bitfield, DataProcessingImmediate::fmtBitfield));
        t.add(new Insn("EXTR", 0x7FA00000, 0x13800000, DataProcessingImmediate::extr,
                (i, pc) -> "extr " + r(rd(i), sf(i)) + ", " + r(rn(i), sf(i)) + ", " + r(Asm.rm(i), sf(i)) + ", #" + (i >>> 10 & 63)));
    }

    static long adrTarget(int i, long pc) {
        long imm = Bits.sext(((long) (i >>> 5) & 0x7FFFF) << 2 | (i >>> 29 & 3), 21);
        return i < 0 ? (pc & ~0xFFFL) + (imm << 12) : pc + imm;
    }

    /** ADR / ADRP. */
    public static void adr(A64Cpu cpu, int i) {
        cpu.setX(rd(i), adrTarget(i, cpu.pc));
    }

    /** ADD, ADDS, SUB, SUBS (immediate); Rd is SP unless flags are set, Rn is SP. */
    public static void addSubImm(A64Cpu cpu, int i) {
        long imm = (i >>> 10) & 0xFFF;
        if ((i & (1 << 22)) != 0) {
            imm <<= 12;
        }
        boolean sub = (i & (1 << 30)) != 0;
        boolean s = (i & (1 << 29)) != 0;
        long a = cpu.xOrSp(rn(i));
        long r;
        if (sf(i)) {
            r = sub ? Bits.addWithCarry64(cpu, a, ~imm, true, s) : Bits.addWithCarry64(cpu, a, imm, false, s);
        } else {
            r = sub ? Bits.addWithCarry32(cpu, a, ~imm, true, s) : Bits.addWithCarry32(cpu, a, imm, false, s);
        }
        if (s) {
            cpu.setX(rd(i), r);
        } else {
            cpu.setXOrSp(rd(i), r);
        }
    }

    /** AND, ORR, EOR, ANDS (immediate). */
    public static void logicalImm(A64Cpu cpu, int i) {
        boolean sf = sf(i);
        int nBit = i >>> 22 & 1;
        if (!sf && nBit != 0) {
            throw Undefined.INSTANCE;
        }
        long imm = Bits.decodeBitMasks(nBit, i >>> 10 & 63, i >>> 16 & 63, true, sf ? 64 : 32, false);
        int opc = i >>> 29 & 3;
        long r = Bits.logical(cpu, opc, cpu.x[rn(i)], imm, sf);
        if (opc == 3) {
            cpu.setX(rd(i), r);
        } else {
            cpu.setXOrSp(rd(i), r);
        }
    }

    /** MOVN, MOVZ, MOVK. */
    public static void moveWide(A64Cpu cpu, int i) {
        int opc = i >>> 29 & 3;
        int hw = i >>> 21 & 3;
        boolean sf = sf(i);
        if (opc == 1 || (!sf && hw > 1)) {
            throw Undefined.INSTANCE;
        }
        int pos = hw * 16;
        long imm = (long) (i >>> 5 & 0xFFFF) << pos;
        long r = switch (opc) {
            case 0 -> ~imm;
            case 2 -> imm;
            default -> (cpu.x[rd(i)] & ~(0xFFFFL << pos)) | imm;
        };
        if (sf) {
            cpu.setX(rd(i), r);
        } else {
            cpu.setW(rd(i), r);
        }
    }

    /** SBFM, BFM, UBFM (and their aliases ASR, LSL, LSR, SXTB, UBFX, BFI, ...). */
    public static void bitfield(A64Cpu cpu, int i) {
        boolean sf = sf(i);
        int nBit = i >>> 22 & 1;
        int opc = i >>> 29 & 3;
        if (opc == 3 || (sf ? nBit != 1 : nBit != 0)) {
            throw Undefined.INSTANCE;
        }
        int size = sf ? 64 : 32;
        int immr = i >>> 16 & 63;
        int imms = i >>> 10 & 63;
        if (!sf && (immr > 31 || imms > 31)) {
            throw Undefined.INSTANCE;
        }
        long wmask = Bits.decodeBitMasks(nBit, imms, immr, false, size, false);
        long tmask = Bits.decodeBitMasks(nBit, imms, immr, false, size, true);
        long src = cpu.x[rn(i)];
        long dst = opc == 1 ? cpu.x[rd(i)] : 0;
        long bot = (dst & ~wmask) | (Bits.ror(src, immr, size) & wmask);
        long top;
        if (opc == 0) {
            top = ((src >>> imms) & 1) != 0 ? -1L : 0;
        } else {
            top = dst;
        }
        if (opc == 2) {
            top = 0;
        }
        long r = (top & ~tmask) | (bot & tmask);
        if (sf) {
            cpu.setX(rd(i), r);
        } else {
            cpu.setW(rd(i), r);
        }
    }

    /** EXTR (and ROR immediate). */
    public static void extr(A64Cpu cpu, int i) {
        boolean sf = sf(i);
        int lsb = i >>> 10 & 63;
        if ((i >>> 22 & 1) != (sf ? 1 : 0) || (!sf && lsb > 31)) {
            throw Undefined.INSTANCE;
        }
        long hi = cpu.x[rn(i)];
        long lo = cpu.x[Asm.rm(i)];
        long r;
        if (sf) {
            r = lsb == 0 ? lo : (lo >>> lsb) | (hi << (64 - lsb));
            cpu.setX(rd(i), r);
        } else {
            long cat = (hi << 32) | (lo & 0xffffffffL);
            cpu.setW(rd(i), cat >>> lsb);
        }
    }

    // ---- disassembly ------------------------------------------------------------------------

    private static String fmtAddSub(int i, long pc) {
        boolean sf = sf(i);
        boolean sub = (i & (1 << 30)) != 0;
        boolean s = (i & (1 << 29)) != 0;
        long imm = (i >>> 10) & 0xFFF;
        String sh = (i & (1 << 22)) != 0 ? ", lsl #12" : "";
        if (s && rd(i) == 31) {
            return (sub ? "cmp " : "cmn ") + rsp(rn(i), sf) + ", " + imm(imm) + sh;
        }
        if (!sub && !s && imm == 0 && sh.isEmpty() && (rd(i) == 31 || rn(i) == 31)) {
            return "mov " + rsp(rd(i), sf) + ", " + rsp(rn(i), sf);
        }
        return (sub ? "sub" : "add") + (s ? "s " : " ") + (s ? r(rd(i), sf) : rsp(rd(i), sf)) + ", " + rsp(rn(i), sf) + ", " + imm(imm) + sh;
    }

    private static String fmtLogical(int i, long pc) {
        boolean sf = sf(i);
        int opc = i >>> 29 & 3;
        long imm;
        try {
            imm = Bits.decodeBitMasks(i >>> 22 & 1, i >>> 10 & 63, i >>> 16 & 63, true, sf ? 64 : 32, false);
        } catch (Undefined u) {
            return ".inst 0x" + Integer.toHexString(i);
        }
        if (opc == 3 && rd(i) == 31) {
            return "tst " + r(rn(i), sf) + ", " + Asm.uimm(imm);
        }
        if (opc == 1 && rn(i) == 31) {
            return "mov " + rsp(rd(i), sf) + ", " + Asm.uimm(imm);
        }
        String m = new String[] {"and", "orr", "eor", "ands"}[opc];
        return m + " " + (opc == 3 ? r(rd(i), sf) : rsp(rd(i), sf)) + ", " + r(rn(i), sf) + ", " + Asm.uimm(imm);
    }

    private static String fmtMoveWide(int i, long pc) {
        int opc = i >>> 29 & 3;
        String m = new String[] {"movn", "?", "movz", "movk"}[opc];
        int hw = i >>> 21 & 3;
        return m + " " + r(rd(i), sf(i)) + ", " + imm(i >>> 5 & 0xFFFF) + (hw != 0 ? ", lsl #" + hw * 16 : "");
    }

    private static String fmtBitfield(int i, long pc) {
        boolean sf = sf(i);
        int opc = i >>> 29 & 3;
        int immr = i >>> 16 & 63;
        int imms = i >>> 10 & 63;
        int size = sf ? 64 : 32;
        String d = r(rd(i), sf);
        String n = r(rn(i), sf);
        if (opc == 2 && imms + 1 == immr) {
            return "lsl " + d + ", " + n + ", #" + (size - 1 - imms);
        }
        if (opc == 2 && imms == size - 1) {
            return "lsr " + d + ", " + n + ", #" + immr;
        }
        if (opc == 0 && imms == size - 1) {
            return "asr " + d + ", " + n + ", #" + immr;
        }
        if (imms < immr) {
            String m = new String[] {"sbfiz", "bfi", "ubfiz", "?"}[opc];
            return m + " " + d + ", " + n + ", #" + (size - immr) + ", #" + (imms + 1);
        }
        String m = new String[] {"sbfx", "bfxil", "ubfx", "?"}[opc];
        return m + " " + d + ", " + n + ", #" + immr + ", #" + (imms - immr + 1);
    }
}
