package dev.machina.cpu.arm.a64.recomp;

import static dev.machina.cpu.arm.a64.recomp.Emitter.CD_CPU;
import static dev.machina.cpu.arm.a64.recomp.Emitter.CD_MEM;
import static dev.machina.cpu.arm.a64.recomp.Emitter.CPU;
import static dev.machina.cpu.arm.a64.recomp.Emitter.MEM;
import static dev.machina.cpu.arm.a64.recomp.Emitter.TA;
import static dev.machina.cpu.arm.a64.recomp.Emitter.TB;
import static dev.machina.cpu.arm.a64.recomp.Emitter.TR;
import static dev.machina.cpu.arm.a64.recomp.Emitter.LOAD_ADDRESS;
import static dev.machina.cpu.arm.a64.recomp.Emitter.LOAD_INDEX;
import static dev.machina.cpu.arm.a64.recomp.Emitter.READ_PAGES;
import static dev.machina.cpu.arm.a64.recomp.Emitter.READ_TAGS;
import static dev.machina.cpu.arm.a64.recomp.Emitter.STORE_VALUE;
import static dev.machina.cpu.arm.a64.recomp.Emitter.WRITE_PAGES;
import static dev.machina.cpu.arm.a64.recomp.Emitter.WRITE_TAGS;
import static java.lang.constant.ConstantDescs.CD_byte;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;

import dev.machina.cpu.arm.a64.Bits;
import dev.machina.cpu.arm.a64.LoadStore;
import dev.machina.cpu.arm.a64.PagedMemory;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;

/**
 * Inline bytecode for the single-register and pair loads and stores (Arm ARM C4.1.88), with the
 * addressing of {@code LoadStore}: the address is computed in locals, general-purpose transfers
 * call {@link PagedMemory} directly, SIMD&amp;FP transfers call {@link LoadStore#loadVector},
 * {@link LoadStore#storeVector} and (pairs) {@link LoadStore#loadVectorPair},
 * {@link LoadStore#storeVectorPair}. A fault leaves the registers as they were before the
 * instruction (see {@link Emitter#beginFaulting}); a store into translated code ends the block
 * after the instruction.
 */
final class MemoryTranslator {
    private static final ClassDesc CD_LS = Emitter.desc(LoadStore.class);
    private static final MethodTypeDesc VECTOR = MethodTypeDesc.of(CD_void, CD_CPU, CD_int, CD_long, CD_int);
    private static final MethodTypeDesc VECTOR_PAIR = MethodTypeDesc.of(CD_void, CD_CPU, CD_int, CD_int, CD_long, CD_int);
    private static final long W = 0xFFFFFFFFL;
    private static final MethodTypeDesc PAGE_INT = MethodTypeDesc.of(CD_int, CD_byte.arrayType(), CD_int);
    private static final MethodTypeDesc PAGE_LONG = MethodTypeDesc.of(CD_long, CD_byte.arrayType(), CD_int);
    private static final MethodTypeDesc PUT_INT = MethodTypeDesc.of(CD_void, CD_byte.arrayType(), CD_int, CD_int);
    private static final MethodTypeDesc PUT_LONG = MethodTypeDesc.of(CD_void, CD_byte.arrayType(), CD_int, CD_long);

    private MemoryTranslator() {
    }

    static boolean translate(Emitter e, String mnemonic, int i) {
        return switch (mnemonic) {
            case "load/store (unsigned offset)" -> unsignedOffset(e, i);
            case "load/store (unscaled, pre/post-index)" -> immediate9(e, i);
            case "load/store (register offset)" -> registerOffset(e, i);
            case "LDR (literal)" -> literal(e, i);
            case "load/store pair" -> pair(e, i);
            default -> false;
        };
    }

    /** Access size log2 of a single-register form, or -1 for a reserved one. */
    private static int scale(int i) {
        int size = i >>> 30;
        if ((i & (1 << 26)) != 0) {
            int s = (i >>> 23 & 1) << 2 | size;
            return s > 4 ? -1 : s;
        }
        return size;
    }

    /** True when the transfer of a single-register form is allocated (LoadStore.transfer would not throw). */
    private static boolean transferAllowed(int i) {
        if ((i & (1 << 26)) != 0) {
            return scale(i) >= 0;
        }
        int opc = i >>> 22 & 3;
        return !(opc == 3 && (i >>> 30) >= 2);
    }

    /** Pushes the zero-extended load of {@code 1 << size} bytes at TA. */
    private static void load(CodeBuilder cb, int size) {
        cb.lload(TA);
        loadAt(cb, size);
    }

    /**
     * Replaces the address on the stack by the zero-extended load of {@code 1 << size} bytes
     * there. The read translation cache is probed inline (the arrays in locals, so the fast
     * path does not depend on HotSpot inlining {@link PagedMemory#read32} and its kin into the
     * big region methods); a miss or a page-crossing access calls the accessor, which refills
     * the cache or faults.
     */
    private static void loadAt(CodeBuilder cb, int size) {
        Label slow = cb.newLabel();
        Label done = cb.newLabel();
        cb.lstore(LOAD_ADDRESS);
        probe(cb, READ_TAGS, READ_PAGES, size, slow);
        switch (size) {
            case 0 -> cb.baload().loadConstant(0xFF).iand();
            case 1 -> cb.invokestatic(CD_MEM, "le16", PAGE_INT);
            case 2 -> cb.invokestatic(CD_MEM, "le32", PAGE_INT);
            default -> cb.invokestatic(CD_MEM, "le64", PAGE_LONG);
        }
        cb.goto_(done);
        cb.labelBinding(slow);
        cb.aload(MEM).lload(LOAD_ADDRESS);
        switch (size) {
            case 0 -> cb.invokevirtual(CD_MEM, "read8", MethodTypeDesc.of(CD_int, CD_long));
            case 1 -> cb.invokevirtual(CD_MEM, "read16", MethodTypeDesc.of(CD_int, CD_long));
            case 2 -> cb.invokevirtual(CD_MEM, "read32", MethodTypeDesc.of(CD_int, CD_long));
            default -> cb.invokevirtual(CD_MEM, "read64", MethodTypeDesc.of(CD_long, CD_long));
        }
        cb.labelBinding(done);
        switch (size) {
            case 0, 1 -> cb.i2l();
            case 2 -> cb.i2l().loadConstant(W).land();
            default -> {
            }
        }
    }

    /**
     * The inline translation cache probe for an access of {@code 1 << size} bytes at
     * LOAD_ADDRESS: branches to {@code miss} unless the cache of {@code tags}/{@code pages}
     * holds its page and the access stays in the page; on a hit pushes the page and the offset.
     */
    private static void probe(CodeBuilder cb, int tags, int pages, int size, Label miss) {
        int pageMask = PagedMemory.PAGE_SIZE - 1;
        cb.aload(tags).lload(LOAD_ADDRESS).loadConstant(PagedMemory.PAGE_BITS).lushr().l2i()
                .loadConstant(PagedMemory.TLB_ENTRIES - 1).iand().dup().istore(LOAD_INDEX).laload();
        cb.lload(LOAD_ADDRESS).loadConstant(PagedMemory.PAGE_BITS).lushr().lcmp().ifne(miss);
        if (size > 0) {
            cb.lload(LOAD_ADDRESS).l2i().loadConstant(pageMask).iand().loadConstant(PagedMemory.PAGE_SIZE - (1 << size)).if_icmpgt(miss);
        }
        cb.aload(pages).iload(LOAD_INDEX).aaload().lload(LOAD_ADDRESS).l2i().loadConstant(pageMask).iand();
    }

    /**
     * Stores the long on top of the stack (under it: the address) with {@code 1 << size} bytes:
     * inline into a page of the write translation cache on a hit (see {@link PagedMemory#writeTags}),
     * else through the accessor, which checks, refills, faults and tells about translated code.
     */
    private static void storeAt(CodeBuilder cb, int size) {
        Label slow = cb.newLabel();
        Label done = cb.newLabel();
        cb.lstore(STORE_VALUE).lstore(LOAD_ADDRESS);
        probe(cb, WRITE_TAGS, WRITE_PAGES, size, slow);
        cb.lload(STORE_VALUE);
        switch (size) {
            case 0 -> cb.l2i().bastore();
            case 1 -> cb.l2i().invokestatic(CD_MEM, "put16", PUT_INT);
            case 2 -> cb.l2i().invokestatic(CD_MEM, "put32", PUT_INT);
            default -> cb.invokestatic(CD_MEM, "put64", PUT_LONG);
        }
        cb.goto_(done);
        cb.labelBinding(slow);
        cb.aload(MEM).lload(LOAD_ADDRESS).lload(STORE_VALUE);
        switch (size) {
            case 0 -> cb.l2i().invokevirtual(CD_MEM, "write8", MethodTypeDesc.of(CD_void, CD_long, CD_int));
            case 1 -> cb.l2i().invokevirtual(CD_MEM, "write16", MethodTypeDesc.of(CD_void, CD_long, CD_int));
            case 2 -> cb.l2i().invokevirtual(CD_MEM, "write32", MethodTypeDesc.of(CD_void, CD_long, CD_int));
            default -> cb.invokevirtual(CD_MEM, "write64", MethodTypeDesc.of(CD_void, CD_long, CD_long));
        }
        cb.labelBinding(done);
    }

    /** LoadStore.transfer at the address in TA; returns true when it stored. */
    private static boolean transfer(Emitter e, int i) {
        CodeBuilder cb = e.cb;
        int size = i >>> 30;
        int opc = i >>> 22 & 3;
        int t = i & 31;
        if ((i & (1 << 26)) != 0) {
            boolean isLoad = (opc & 1) != 0;
            cb.aload(CPU).loadConstant(t).lload(TA).loadConstant(scale(i));
            cb.invokestatic(CD_LS, isLoad ? "loadVector" : "storeVector", VECTOR);
            return !isLoad;
        }
        switch (opc) {
            case 0 -> {
                cb.lload(TA);
                e.getX(t);
                storeAt(cb, size);
                return true;
            }
            case 1 -> {
                load(cb, size);
                e.setX(t);
            }
            case 2 -> {
                if (size == 3) {
                    return false; // PRFM
                }
                load(cb, size);
                signExtend(cb, size);
                e.setX(t);
            }
            default -> {
                load(cb, size);
                signExtend(cb, size);
                e.setW(t);
            }
        }
        return false;
    }

    private static void signExtend(CodeBuilder cb, int size) {
        switch (size) {
            case 0 -> cb.l2i().i2b().i2l();
            case 1 -> cb.l2i().i2s().i2l();
            default -> cb.l2i().i2l();
        }
    }

    private static boolean unsignedOffset(Emitter e, int i) {
        if (!transferAllowed(i)) {
            return false;
        }
        Label start = e.beginFaulting();
        e.getXsp(i >>> 5 & 31);
        e.cb.loadConstant((long) (i >>> 10 & 0xFFF) << scale(i)).ladd().lstore(TA);
        boolean stored = transfer(e, i);
        e.endFaulting(start);
        if (stored) {
            e.checkCodeWritten();
        }
        return true;
    }

    private static boolean immediate9(Emitter e, int i) {
        if (!transferAllowed(i)) {
            return false;
        }
        long off = Bits.sext(i >>> 12 & 0x1FF, 9);
        int mode = i >>> 10 & 3;
        int n = i >>> 5 & 31;
        boolean writeback = mode == 1 || mode == 3;
        if (writeback && (i & (1 << 26)) == 0 && (i >>> 22 & 3) == 2 && (i >>> 30) == 3) {
            return false; // no PRFM with writeback
        }
        CodeBuilder cb = e.cb;
        Label start = e.beginFaulting();
        e.getXsp(n);
        cb.loadConstant(off).ladd().lstore(TB);
        if (mode == 1) {
            e.getXsp(n);
            cb.lstore(TA);
        } else {
            cb.lload(TB).lstore(TA);
        }
        boolean stored = transfer(e, i);
        e.endFaulting(start);
        if (writeback) {
            cb.lload(TB);
            e.setXsp(n);
        }
        if (stored) {
            e.checkCodeWritten();
        }
        return true;
    }

    private static boolean registerOffset(Emitter e, int i) {
        int option = i >>> 13 & 7;
        if ((option & 2) == 0 || !transferAllowed(i)) {
            return false;
        }
        int shift = (i & (1 << 12)) != 0 ? scale(i) : 0;
        Label start = e.beginFaulting();
        e.getXsp(i >>> 5 & 31);
        e.getX(i >>> 16 & 31);
        IntegerTranslator.extend(e.cb, option, shift);
        e.cb.ladd().lstore(TA);
        boolean stored = transfer(e, i);
        e.endFaulting(start);
        if (stored) {
            e.checkCodeWritten();
        }
        return true;
    }

    private static boolean literal(Emitter e, int i) {
        long a = e.pc + (Bits.sext(i >>> 5 & 0x7FFFF, 19) << 2);
        int opc = i >>> 30;
        int t = i & 31;
        CodeBuilder cb = e.cb;
        if ((i & (1 << 26)) != 0) {
            if (opc == 3) {
                return false;
            }
            Label start = e.beginFaulting();
            cb.aload(CPU).loadConstant(t).loadConstant(a).loadConstant(opc + 2).invokestatic(CD_LS, "loadVector", VECTOR);
            e.endFaulting(start);
            return true;
        }
        if (opc == 3) {
            return true; // PRFM (literal)
        }
        Label start = e.beginFaulting();
        cb.loadConstant(a);
        loadAt(cb, opc == 1 ? 3 : 2);
        if (opc == 2) {
            cb.l2i().i2l();
        }
        e.setX(t);
        e.endFaulting(start);
        return true;
    }

    private static boolean pair(Emitter e, int i) {
        int opc = i >>> 30;
        if ((i & (1 << 26)) != 0) {
            return vectorPair(e, i);
        }
        boolean isLoad = (i & (1 << 22)) != 0;
        int mode = i >>> 23 & 3;
        if (opc == 3 || (opc == 1 && !isLoad) || (opc == 1 && mode == 0)) {
            return false;
        }
        int scale = opc == 2 ? 3 : 2;
        boolean signed = opc == 1;
        long off = Bits.sext(i >>> 15 & 0x7F, 7) << scale;
        int n = i >>> 5 & 31;
        int t = i & 31;
        int t2 = i >>> 10 & 31;
        long step = 1L << scale;
        CodeBuilder cb = e.cb;
        Label start = e.beginFaulting();
        pairAddress(e, n, mode, off);
        if (isLoad) {
            load(cb, scale);
            if (signed) {
                cb.l2i().i2l();
            }
            cb.lstore(TR);
            cb.lload(TA).loadConstant(step).ladd();
            loadAt(cb, scale);
            if (signed) {
                cb.l2i().i2l();
            }
            cb.lload(TR);
            e.setX(t);
            e.setX(t2);
        } else {
            if (t != 31) {
                e.ensure(t);
            }
            if (t2 != 31) {
                e.ensure(t2);
            }
            // probe the last byte first when the pair crosses a page, as LoadStore.pair does
            Label inPage = cb.newLabel();
            cb.lload(TA).l2i().loadConstant(PagedMemory.PAGE_SIZE - 1).iand().loadConstant((int) (PagedMemory.PAGE_SIZE - 2 * step)).if_icmple(inPage);
            cb.aload(MEM).lload(TA).loadConstant(2 * step - 1).ladd().invokevirtual(CD_MEM, "read8", MethodTypeDesc.of(CD_int, CD_long)).pop();
            cb.labelBinding(inPage);
            cb.lload(TA);
            e.getX(t);
            storeAt(cb, scale);
            cb.lload(TA).loadConstant(step).ladd();
            e.getX(t2);
            storeAt(cb, scale);
        }
        e.endFaulting(start);
        pairEnd(e, n, mode, off, isLoad);
        return true;
    }

    /**
     * LDP/STP of S, D or Q registers: the address from the base in locals (as for the general
     * registers), the transfer by {@link LoadStore#loadVectorPair} or
     * {@link LoadStore#storeVectorPair}, so the general registers stay in their locals.
     */
    private static boolean vectorPair(Emitter e, int i) {
        int opc = i >>> 30;
        if (opc == 3) {
            return false; // unallocated: the interpreter's semantics raise it
        }
        boolean isLoad = (i & (1 << 22)) != 0;
        int mode = i >>> 23 & 3;
        int scale = 2 + opc;
        long off = Bits.sext(i >>> 15 & 0x7F, 7) << scale;
        int n = i >>> 5 & 31;
        int t = i & 31;
        int t2 = i >>> 10 & 31;
        CodeBuilder cb = e.cb;
        Label start = e.beginFaulting();
        pairAddress(e, n, mode, off);
        cb.aload(CPU).loadConstant(t).loadConstant(t2).lload(TA).loadConstant(scale);
        cb.invokestatic(CD_LS, isLoad ? "loadVectorPair" : "storeVectorPair", VECTOR_PAIR);
        e.endFaulting(start);
        pairEnd(e, n, mode, off, isLoad);
        return true;
    }

    /**
     * The address of a pair transfer into TA: the base (Xn or SP) kept in TB for the write-back,
     * plus {@code off} unless post-indexed ({@code mode} 1).
     */
    private static void pairAddress(Emitter e, int n, int mode, long off) {
        CodeBuilder cb = e.cb;
        e.getXsp(n);
        cb.lstore(TB);
        cb.lload(TB);
        if (mode != 1) {
            cb.loadConstant(off).ladd();
        }
        cb.lstore(TA);
    }

    /** After a pair transfer: the base write-back of post- and pre-indexed forms, and a store's translated-code check. */
    private static void pairEnd(Emitter e, int n, int mode, long off, boolean isLoad) {
        if (mode == 1 || mode == 3) {
            e.cb.lload(TB).loadConstant(off).ladd();
            e.setXsp(n);
        }
        if (!isLoad) {
            e.checkCodeWritten();
        }
    }
}
