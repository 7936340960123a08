package dev.machina.cpu.arm.a64.recomp;

import static dev.machina.cpu.arm.a64.recomp.Emitter.TA;

import dev.machina.cpu.arm.a64.Bits;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;

/**
 * Inline bytecode for the branches of {@code Branches} (Arm ARM C4.1.87): each ends the block.
 * Direct targets on the block's page become linkable exits (exit 0 the taken branch, exit 1
 * the fall-through), so the dispatcher can chain blocks within a page.
 */
final class BranchTranslator {
    private BranchTranslator() {
    }

    /** True for the rows this class translates; they all end a block. */
    static boolean isBranch(String mnemonic) {
        return switch (mnemonic) {
            case "B.cond", "B/BL", "CBZ/CBNZ", "TBZ/TBNZ", "BR/BLR/RET" -> true;
            default -> false;
        };
    }

    static boolean translate(Emitter e, String mnemonic, int i) {
        return switch (mnemonic) {
            case "B.cond" -> conditional(e, e.pc + (Bits.sext(i >>> 5 & 0x7FFFF, 19) << 2), notTaken -> {
                e.ensureCondition(i & 15);
                e.branchUnless(i & 15, notTaken);
            });
            case "B/BL" -> branch(e, i);
            case "CBZ/CBNZ" -> conditional(e, e.pc + (Bits.sext(i >>> 5 & 0x7FFFF, 19) << 2), notTaken -> {
                e.getX(i & 31);
                if (i >= 0) {
                    e.cb.l2i();
                } else {
                    e.cb.lconst_0().lcmp();
                }
                // CBNZ is taken when the value is not zero
                if ((i & (1 << 24)) != 0) {
                    e.cb.ifeq(notTaken);
                } else {
                    e.cb.ifne(notTaken);
                }
            });
            case "TBZ/TBNZ" -> conditional(e, e.pc + (Bits.sext(i >>> 5 & 0x3FFF, 14) << 2), notTaken -> {
                int bit = (i >>> 31) << 5 | (i >>> 19 & 31);
                e.getX(i & 31);
                e.cb.loadConstant(bit).lushr().l2i().iconst_1().iand();
                if ((i & (1 << 24)) != 0) {
                    e.cb.ifeq(notTaken);
                } else {
                    e.cb.ifne(notTaken);
                }
            });
            case "BR/BLR/RET" -> register(e, i);
            default -> false;
        };
    }

    /** A conditional branch: {@code test} branches to the label it is given when the branch is not taken. */
    private static boolean conditional(Emitter e, long target, java.util.function.Consumer<Label> test) {
        CodeBuilder cb = e.cb;
        Label notTaken = cb.newLabel();
        test.accept(notTaken);
        int slot0 = e.linkSlot(target);
        if (e.isInternal(target)) {
            e.jumpTo(target, slot0);
        } else {
            e.exitTo(target, e.executed(), slot0);
        }
        cb.labelBinding(notTaken);
        long next = e.pc + 4;
        int slot1 = e.linkSlot(next);
        if (e.isInternal(next)) {
            e.jumpTo(next, slot1);
        } else {
            e.exitTo(next, e.executed(), slot1);
        }
        return true;
    }

    private static boolean branch(Emitter e, int i) {
        long target = e.pc + (Bits.sext(i & 0x3FFFFFF, 26) << 2);
        if (i < 0) {
            e.cb.loadConstant(e.pc + 4);
            e.setX(30);
        }
        int slot = e.linkSlot(target);
        if (i >= 0 && e.isInternal(target)) {
            e.jumpTo(target, slot);
        } else {
            e.exitTo(target, e.executed(), slot);
        }
        return true;
    }

    private static boolean register(Emitter e, int i) {
        int opc = i >>> 21 & 3;
        if (opc == 3) {
            return false;
        }
        e.getX(i >>> 5 & 31);
        e.cb.lstore(TA);
        if (opc == 1) {
            e.cb.loadConstant(e.pc + 4);
            e.setX(30);
        }
        e.exitToLocal(TA, e.executed());
        return true;
    }
}
