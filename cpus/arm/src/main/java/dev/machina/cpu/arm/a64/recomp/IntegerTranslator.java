package dev.machina.cpu.arm.a64.recomp;

import static dev.machina.cpu.arm.a64.recomp.Emitter.C;
import static dev.machina.cpu.arm.a64.recomp.Emitter.N;
import static dev.machina.cpu.arm.a64.recomp.Emitter.TA;
import static dev.machina.cpu.arm.a64.recomp.Emitter.TB;
import static dev.machina.cpu.arm.a64.recomp.Emitter.TR;
import static dev.machina.cpu.arm.a64.recomp.Emitter.V;
import static dev.machina.cpu.arm.a64.recomp.Emitter.Z;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;

import dev.machina.cpu.arm.a64.Bits;
import dev.machina.cpu.arm.a64.Undefined;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;

/**
 * Inline bytecode for the integer data-processing classes (Arm ARM C4.1.86 and C4.1.89): the
 * same operations as {@code DataProcessingImmediate} and {@code DataProcessingRegister}, with
 * operands in locals and flags computed only when something after the instruction may see them.
 * Each method returns false, having emitted nothing, for an encoding it leaves to the
 * interpreter's semantics (reserved encodings among them, so the interpreter raises them).
 */
final class IntegerTranslator {
    private static final ClassDesc CD_LONG = ClassDesc.of("java.lang.Long");
    private static final ClassDesc CD_INTEGER = ClassDesc.of("java.lang.Integer");
    private static final ClassDesc CD_MATH = ClassDesc.of("java.lang.Math");
    private static final long W = 0xFFFFFFFFL;

    private IntegerTranslator() {
    }

    private static int rd(int i) {
        return i & 31;
    }

    private static int rn(int i) {
        return i >>> 5 & 31;
    }

    private static int rm(int i) {
        return i >>> 16 & 31;
    }

    /** Translates {@code insn} of decode-table row {@code mnemonic}; false when left to the interpreter. */
    static boolean translate(Emitter e, String mnemonic, int i) {
        return switch (mnemonic) {
            case "ADR/ADRP" -> adr(e, i);
            case "ADD/SUB (immediate)" -> addSubImm(e, i);
            case "logical (immediate)" -> logicalImm(e, i);
            case "move wide (immediate)" -> moveWide(e, i);
            case "bitfield" -> bitfield(e, i);
            case "EXTR" -> extr(e, i);
            case "logical (shifted register)" -> logicalShifted(e, i);
            case "ADD/SUB (shifted register)" -> addSubShifted(e, i);
            case "ADD/SUB (extended register)" -> addSubExtended(e, i);
            case "ADC/SBC" -> adcSbc(e, i);
            case "CCMN/CCMP" -> condCompare(e, i);
            case "CSEL/CSINC/CSINV/CSNEG" -> condSelect(e, i);
            case "data processing (2 source)" -> twoSource(e, i);
            case "data processing (3 source)" -> threeSource(e, i);
            default -> false;
        };
    }

    private static boolean adr(Emitter e, int i) {
        long imm = Bits.sext(((long) (i >>> 5) & 0x7FFFF) << 2 | (i >>> 29 & 3), 21);
        long target = i < 0 ? (e.pc & ~0xFFFL) + (imm << 12) : e.pc + imm;
        e.cb.loadConstant(target);
        e.setX(rd(i));
        return true;
    }

    /**
     * AddWithCarry (Arm ARM J1 shared/functions/integer/AddWithCarry) of operand A and B already
     * on the stack as longs ({@code invert} makes B its complement), carry in from
     * {@code carryIn} (0, 1, or -1 for the C flag); leaves the (zero-extended when 32-bit) result
     * on the stack and, when {@code setFlags} and NZCV is observable, sets the flags lazily
     * ({@link LazyFlags}).
     */
    private static void addWithCarry(Emitter e, boolean sf, boolean invert, int carryIn, boolean setFlags) {
        CodeBuilder cb = e.cb;
        int live = setFlags ? e.liveFlagsAfter : 0;
        if (live != 0 && carryIn != -1 && invert == (carryIn == 1)) {
            // ADDS/SUBS: the operands in TA and TB, NZCV derived from them later
            storeOperands(cb, sf, false);
            cb.lload(TA).lload(TB);
            if (invert) {
                cb.lsub();
            } else {
                cb.ladd();
            }
            if (!sf) {
                cb.loadConstant(W).land();
            }
            e.setFlagsLazily(invert ? (sf ? LazyFlags.SUB64 : LazyFlags.SUB32) : (sf ? LazyFlags.ADD64 : LazyFlags.ADD32));
            return;
        }
        if (live == 0) {
            if (carryIn != -1) {
                if (invert && carryIn == 1) {
                    cb.lsub();
                } else {
                    if (invert) {
                        cb.loadConstant(-1L).lxor();
                    }
                    cb.ladd();
                    if (carryIn == 1) {
                        cb.lconst_1().ladd();
                    }
                }
            } else {
                if (invert) {
                    cb.loadConstant(-1L).lxor();
                }
                cb.ladd();
                e.getFlag(C);
                cb.i2l().ladd();
            }
            if (!sf) {
                cb.loadConstant(W).land();
            }
            return;
        }
        // with flags: A, B' in temporaries; the sum in TR (for 32-bit: of the zero-extended operands)
        storeOperands(cb, sf, invert);
        if (carryIn == -1) {
            e.ensure(C);
        }
        cb.lload(TA).lload(TB).ladd();
        if (carryIn == 1) {
            cb.lconst_1().ladd();
        } else if (carryIn == -1) {
            e.getFlag(C);
            cb.i2l().ladd();
        }
        cb.lstore(TR);
        // ADCS/SBCS: the operands as added and the sum
        e.setFlagsLazily(sf ? LazyFlags.ADC64 : LazyFlags.ADC32);
        cb.lload(TR);
        if (!sf) {
            cb.loadConstant(W).land();
        }
    }

    /** Pops operands A and B (longs) into TA and TB, B complemented when {@code invert}, both zero-extended from 32 bits unless {@code sf}. */
    private static void storeOperands(CodeBuilder cb, boolean sf, boolean invert) {
        if (invert) {
            cb.loadConstant(-1L).lxor();
        }
        if (!sf) {
            cb.loadConstant(W).land();
        }
        cb.lstore(TB);
        if (!sf) {
            cb.loadConstant(W).land();
        }
        cb.lstore(TA);
    }

    /** The result of ANDS/BICS on the stack (long): sets N and Z from it, C = V = 0, lazily when observable. */
    private static void nz(Emitter e, boolean sf) {
        CodeBuilder cb = e.cb;
        cb.lstore(TR);
        if (e.liveFlagsAfter != 0) {
            e.setFlagsLazily(sf ? LazyFlags.LOGIC64 : LazyFlags.LOGIC32);
        }
        cb.lload(TR);
    }

    private static boolean addSubImm(Emitter e, int i) {
        long imm = (i >>> 10) & 0xFFF;
        if ((i & (1 << 22)) != 0) {
            imm <<= 12;
        }
        boolean sub = (i & (1 << 30)) != 0;
        boolean s = (i & (1 << 29)) != 0;
        boolean sf = i < 0;
        e.getXsp(rn(i));
        e.cb.loadConstant(imm);
        addWithCarry(e, sf, sub, sub ? 1 : 0, s);
        if (s) {
            e.setX(rd(i));
        } else {
            e.setXsp(rd(i));
        }
        return true;
    }

    private static boolean logicalImm(Emitter e, int i) {
        boolean sf = i < 0;
        int nBit = i >>> 22 & 1;
        if (!sf && nBit != 0) {
            return false;
        }
        long imm;
        try {
            imm = Bits.decodeBitMasks(nBit, i >>> 10 & 63, i >>> 16 & 63, true, sf ? 64 : 32, false);
        } catch (Undefined u) {
            return false;
        }
        int opc = i >>> 29 & 3;
        e.getX(rn(i));
        e.cb.loadConstant(imm);
        logicalOp(e, opc, sf);
        if (opc == 3) {
            e.setX(rd(i));
        } else {
            e.setXsp(rd(i));
        }
        return true;
    }

    /** A op B for Bits.logical's opc, truncated to 32 bits unless sf, N/Z/C/V for ANDS. */
    private static void logicalOp(Emitter e, int opc, boolean sf) {
        switch (opc) {
            case 0, 3 -> e.cb.land();
            case 1 -> e.cb.lor();
            default -> e.cb.lxor();
        }
        if (!sf) {
            e.cb.loadConstant(W).land();
        }
        if (opc == 3) {
            nz(e, sf);
        }
    }

    private static boolean moveWide(Emitter e, int i) {
        int opc = i >>> 29 & 3;
        int hw = i >>> 21 & 3;
        boolean sf = i < 0;
        if (opc == 1 || (!sf && hw > 1)) {
            return false;
        }
        int pos = hw * 16;
        long imm = (long) (i >>> 5 & 0xFFFF) << pos;
        switch (opc) {
            case 0 -> e.cb.loadConstant(~imm);
            case 2 -> e.cb.loadConstant(imm);
            default -> {
                e.getX(rd(i));
                e.cb.loadConstant(~(0xFFFFL << pos)).land().loadConstant(imm).lor();
            }
        }
        if (sf) {
            e.setX(rd(i));
        } else {
            e.setW(rd(i));
        }
        return true;
    }

    /** Pushes ROR(v, r) within {@code width} bits of the long on the stack (Bits.ror). */
    private static void ror(CodeBuilder cb, int r, int width) {
        if (width == 32) {
            cb.loadConstant(W).land();
        }
        if (r == 0) {
            return;
        }
        if (width == 64) {
            cb.loadConstant(r).invokestatic(CD_LONG, "rotateRight", MethodTypeDesc.of(CD_long, CD_long, CD_int));
        } else {
            cb.lstore(TA).lload(TA).loadConstant(r).lushr().lload(TA).loadConstant(width - r).lshl().lor().loadConstant(W).land();
        }
    }

    private static boolean bitfield(Emitter e, int i) {
        boolean sf = i < 0;
        int nBit = i >>> 22 & 1;
        int opc = i >>> 29 & 3;
        if (opc == 3 || (sf ? nBit != 1 : nBit != 0)) {
            return false;
        }
        int size = sf ? 64 : 32;
        int immr = i >>> 16 & 63;
        int imms = i >>> 10 & 63;
        if (!sf && (immr > 31 || imms > 31)) {
            return false;
        }
        long wmask;
        long tmask;
        try {
            wmask = Bits.decodeBitMasks(nBit, imms, immr, false, size, false);
            tmask = Bits.decodeBitMasks(nBit, imms, immr, false, size, true);
        } catch (Undefined u) {
            return false;
        }
        CodeBuilder cb = e.cb;
        switch (opc) {
            case 2 -> { // UBFM: ror(src) & wmask & tmask
                e.getX(rn(i));
                ror(cb, immr, size);
                cb.loadConstant(wmask & tmask).land();
            }
            case 0 -> { // SBFM: (top & ~tmask) | (ror(src) & wmask & tmask), top = replicated bit imms
                e.getX(rn(i));
                cb.loadConstant(63 - imms).lshl().loadConstant(63).lshr().loadConstant(~tmask).land();
                e.getX(rn(i));
                ror(cb, immr, size);
                cb.loadConstant(wmask & tmask).land().lor();
            }
            default -> { // BFM: (dst & ~tmask) | (((dst & ~wmask) | (ror(src) & wmask)) & tmask)
                e.getX(rd(i));
                cb.loadConstant(~tmask).land();
                e.getX(rd(i));
                cb.loadConstant(~wmask).land();
                e.getX(rn(i));
                ror(cb, immr, size);
                cb.loadConstant(wmask).land().lor().loadConstant(tmask).land().lor();
            }
        }
        if (sf) {
            e.setX(rd(i));
        } else {
            e.setW(rd(i));
        }
        return true;
    }

    private static boolean extr(Emitter e, int i) {
        boolean sf = i < 0;
        int lsb = i >>> 10 & 63;
        if ((i >>> 22 & 1) != (sf ? 1 : 0) || (!sf && lsb > 31)) {
            return false;
        }
        CodeBuilder cb = e.cb;
        if (sf) {
            if (lsb == 0) {
                e.getX(rm(i));
            } else {
                e.getX(rm(i));
                cb.loadConstant(lsb).lushr();
                e.getX(rn(i));
                cb.loadConstant(64 - lsb).lshl().lor();
            }
            e.setX(rd(i));
        } else {
            e.getX(rn(i));
            cb.loadConstant(32).lshl();
            e.getX(rm(i));
            cb.loadConstant(W).land().lor().loadConstant(lsb).lushr();
            e.setW(rd(i));
        }
        return true;
    }

    /** Pushes the shifted-register operand Rm (Bits.shift64/shift32; 32-bit results zero-extended). */
    private static boolean shiftedOperand(Emitter e, int i, boolean sf) {
        int amount = i >>> 10 & 63;
        int type = i >>> 22 & 3;
        if (!sf && amount > 31) {
            return false;
        }
        CodeBuilder cb = e.cb;
        e.getX(rm(i));
        if (amount == 0) {
            return true;
        }
        if (sf) {
            switch (type) {
                case 0 -> cb.loadConstant(amount).lshl();
                case 1 -> cb.loadConstant(amount).lushr();
                case 2 -> cb.loadConstant(amount).lshr();
                default -> cb.loadConstant(amount).invokestatic(CD_LONG, "rotateRight", MethodTypeDesc.of(CD_long, CD_long, CD_int));
            }
        } else {
            cb.l2i();
            switch (type) {
                case 0 -> cb.loadConstant(amount).ishl();
                case 1 -> cb.loadConstant(amount).iushr();
                case 2 -> cb.loadConstant(amount).ishr();
                default -> cb.loadConstant(amount).invokestatic(CD_INTEGER, "rotateRight", MethodTypeDesc.of(CD_int, CD_int, CD_int));
            }
            cb.i2l().loadConstant(W).land();
        }
        return true;
    }

    private static boolean logicalShifted(Emitter e, int i) {
        boolean sf = i < 0;
        if (!sf && (i >>> 10 & 63) > 31) {
            return false;
        }
        e.getX(rn(i));
        shiftedOperand(e, i, sf);
        if ((i & (1 << 21)) != 0) {
            e.cb.loadConstant(-1L).lxor();
        }
        logicalOp(e, i >>> 29 & 3, sf);
        e.setX(rd(i));
        return true;
    }

    private static boolean addSubShifted(Emitter e, int i) {
        boolean sf = i < 0;
        if ((i >>> 22 & 3) == 3 || (!sf && (i >>> 10 & 63) > 31)) {
            return false;
        }
        boolean sub = (i & (1 << 30)) != 0;
        e.getX(rn(i));
        shiftedOperand(e, i, sf);
        addWithCarry(e, sf, sub, sub ? 1 : 0, (i & (1 << 29)) != 0);
        e.setX(rd(i));
        return true;
    }

    private static boolean addSubExtended(Emitter e, int i) {
        int shift = i >>> 10 & 7;
        if (shift > 4 || (i >>> 22 & 3) != 0) {
            return false;
        }
        boolean sf = i < 0;
        boolean sub = (i & (1 << 30)) != 0;
        boolean s = (i & (1 << 29)) != 0;
        e.getXsp(rn(i));
        e.getX(rm(i));
        extend(e.cb, i >>> 13 & 7, shift);
        addWithCarry(e, sf, sub, sub ? 1 : 0, s);
        if (s) {
            e.setX(rd(i));
        } else {
            e.setXsp(rd(i));
        }
        return true;
    }

    /** Bits.extend of the long on the stack: option 0..7 = UXTB .. SXTX, then shifted left. */
    static void extend(CodeBuilder cb, int option, int shift) {
        switch (option) {
            case 0 -> cb.loadConstant(0xFFL).land();
            case 1 -> cb.loadConstant(0xFFFFL).land();
            case 2 -> cb.loadConstant(W).land();
            case 4 -> cb.l2i().i2b().i2l();
            case 5 -> cb.l2i().i2s().i2l();
            case 6 -> cb.l2i().i2l();
            default -> {
            }
        }
        if (shift != 0) {
            cb.loadConstant(shift).lshl();
        }
    }

    private static boolean adcSbc(Emitter e, int i) {
        boolean sf = i < 0;
        e.ensure(C);
        e.getX(rn(i));
        e.getX(rm(i));
        addWithCarry(e, sf, (i & (1 << 30)) != 0, -1, (i & (1 << 29)) != 0);
        e.setX(rd(i));
        return true;
    }

    private static boolean condCompare(Emitter e, int i) {
        boolean sf = i < 0;
        int cond = i >>> 12 & 15;
        boolean sub = (i & (1 << 30)) != 0;
        boolean imm = (i & (1 << 11)) != 0;
        int nzcv = i & 15;
        CodeBuilder cb = e.cb;
        // everything both paths need, loaded before the branch
        e.ensureCondition(cond);
        if (rn(i) != 31) {
            e.ensure(rn(i));
        }
        if (!imm && rm(i) != 31) {
            e.ensure(rm(i));
        }
        for (int f = N; f <= V; f++) {
            e.ensure(f);
        }
        Label otherwise = cb.newLabel();
        Label done = cb.newLabel();
        e.branchUnless(cond, otherwise);
        int saved = e.liveFlagsAfter;
        e.liveFlagsAfter = 15; // both paths must set all four (their locals merge)
        e.getX(rn(i));
        if (imm) {
            cb.loadConstant((long) rm(i));
        } else {
            e.getX(rm(i));
        }
        addWithCarry(e, sf, sub, sub ? 1 : 0, true);
        cb.pop2();
        e.flagsToLocals();
        cb.goto_(done);
        cb.labelBinding(otherwise);
        for (int f = 0; f < 4; f++) {
            cb.loadConstant(nzcv >>> (3 - f) & 1);
            e.setFlag(N + f);
        }
        cb.labelBinding(done);
        e.liveFlagsAfter = saved;
        return true;
    }

    private static boolean condSelect(Emitter e, int i) {
        if ((i & (1 << 29)) != 0) {
            return false;
        }
        CodeBuilder cb = e.cb;
        int cond = i >>> 12 & 15;
        e.ensureCondition(cond);
        if (rn(i) != 31) {
            e.ensure(rn(i));
        }
        if (rm(i) != 31) {
            e.ensure(rm(i));
        }
        Label otherwise = cb.newLabel();
        Label done = cb.newLabel();
        e.branchUnless(cond, otherwise);
        e.getX(rn(i));
        cb.goto_(done);
        cb.labelBinding(otherwise);
        e.getX(rm(i));
        if ((i & (1 << 30)) != 0) {
            cb.loadConstant(-1L).lxor();
        }
        if ((i & (1 << 10)) != 0) {
            cb.lconst_1().ladd();
        }
        cb.labelBinding(done);
        if (i < 0) {
            e.setX(rd(i));
        } else {
            e.setW(rd(i));
        }
        return true;
    }

    private static boolean twoSource(Emitter e, int i) {
        if ((i & (1 << 29)) != 0) {
            return false;
        }
        boolean sf = i < 0;
        int op = i >>> 10 & 63;
        CodeBuilder cb = e.cb;
        if (op < 8 || op > 11) {
            return false; // UDIV/SDIV/CRC32: the interpreter's semantics
        }
        e.getX(rn(i));
        if (sf) {
            e.getX(rm(i));
            cb.l2i();
            switch (op) {
                case 8 -> cb.lshl();
                case 9 -> cb.lushr();
                case 10 -> cb.lshr();
                default -> cb.invokestatic(CD_LONG, "rotateRight", MethodTypeDesc.of(CD_long, CD_long, CD_int));
            }
            e.setX(rd(i));
        } else {
            cb.l2i();
            e.getX(rm(i));
            cb.l2i();
            switch (op) {
                case 8 -> cb.ishl();
                case 9 -> cb.iushr();
                case 10 -> cb.ishr();
                default -> cb.invokestatic(CD_INTEGER, "rotateRight", MethodTypeDesc.of(CD_int, CD_int, CD_int));
            }
            cb.i2l();
            e.setW(rd(i));
        }
        return true;
    }

    private static boolean threeSource(Emitter e, int i) {
        int op = (i >>> 29 & 3) << 4 | (i >>> 21 & 7) << 1 | (i >>> 15 & 1);
        boolean sf = i < 0;
        int ra = i >>> 10 & 31;
        CodeBuilder cb = e.cb;
        if (!sf && op > 1) {
            return false;
        }
        switch (op) {
            case 0, 1 -> {
                e.getX(ra);
                e.getX(rn(i));
                e.getX(rm(i));
                cb.lmul();
                if (op == 0) {
                    cb.ladd();
                } else {
                    cb.lsub();
                }
            }
            case 2, 3 -> {
                e.getX(ra);
                e.getX(rn(i));
                cb.l2i().i2l();
                e.getX(rm(i));
                cb.l2i().i2l().lmul();
                if (op == 2) {
                    cb.ladd();
                } else {
                    cb.lsub();
                }
            }
            case 10, 11 -> {
                e.getX(ra);
                e.getX(rn(i));
                cb.loadConstant(W).land();
                e.getX(rm(i));
                cb.loadConstant(W).land().lmul();
                if (op == 10) {
                    cb.ladd();
                } else {
                    cb.lsub();
                }
            }
            case 4, 12 -> {
                e.getX(rn(i));
                e.getX(rm(i));
                cb.invokestatic(CD_MATH, op == 4 ? "multiplyHigh" : "unsignedMultiplyHigh", MethodTypeDesc.of(CD_long, CD_long, CD_long));
            }
            default -> {
                return false;
            }
        }
        if (sf) {
            e.setX(rd(i));
        } else {
            e.setW(rd(i));
        }
        return true;
    }
}
