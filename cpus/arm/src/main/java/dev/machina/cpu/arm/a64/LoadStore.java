package dev.machina.cpu.arm.a64;

import static dev.machina.cpu.arm.a64.Asm.r;
import static dev.machina.cpu.arm.a64.Asm.rd;
import static dev.machina.cpu.arm.a64.Asm.rm;
import static dev.machina.cpu.arm.a64.Asm.rn;
import static dev.machina.cpu.arm.a64.Asm.xsp;

import java.util.List;

/**
 * A64 "Loads and Stores" (Arm ARM C4.1.88): single registers in every addressing mode
 * (unsigned offset, unscaled, pre/post-index, register offset, literal), pairs, exclusives,
 * load-acquire/store-release, compare-and-swap and the LSE atomic memory operations, for
 * general-purpose and SIMD&amp;FP registers. SIMD structure loads and stores are in
 * {@link SimdLoadStore}.
 */
public final class LoadStore {
    private LoadStore() {
    }

    static void register(List<Insn> t) {
        t.add(new Insn("load/store exclusive, ordered, CAS", 0x3F000000, 0x08000000, LoadStore::exclusive, LoadStore::fmtExclusive));
        t.add(new Insn("LDR (literal)", 0x3B000000, 0x18000000, LoadStore::literal,
                (i, pc) -> literalName(i) + " " + regName(i, literalSize(i), literalSigned(i)) + ", " + Asm.addr(pc + (Bits.sext(i >>> 5 & 0x7FFFF, 19) << 2))));
        t.add(new Insn("load/store pair", 0x3A000000, 0x28000000, LoadStore::pair, LoadStore::fmtPair));
        t.add(new Insn("load/store (unsigned offset)", 0x3B000000, 0x39000000, LoadStore::unsignedOffset, LoadStore::fmtSingle));
        t.add(new Insn("load/store (unscaled, pre/post-index)", 0x3B200000, 0x38000000, LoadStore::immediate9, LoadStore::fmtSingle));
        t.add(new Insn("load/store (register offset)", 0x3B200C00, 0x38200800, LoadStore::registerOffset, LoadStore::fmtSingle));
        t.add(new Insn("atomic memory operation", 0x3F200C00, 0x38200000, LoadStore::atomic, LoadStore::fmtAtomic));
        SimdLoadStore.register(t);
    }

    // ---- element transfer ------------------------------------------------------------------

    /** Loads {@code 1 << size} bytes zero-extended (size 0..3). */
    public static long load(PagedMemory m, long a, int size) {
        return switch (size) {
            case 0 -> m.read8(a);
            case 1 -> m.read16(a);
            case 2 -> m.read32(a) & 0xffffffffL;
            default -> m.read64(a);
        };
    }

    /** Stores the low {@code 1 << size} bytes of {@code v} (size 0..3). */
    public static void store(PagedMemory m, long a, int size, long v) {
        switch (size) {
            case 0 -> m.write8(a, (int) v);
            case 1 -> m.write16(a, (int) v);
            case 2 -> m.write32(a, (int) v);
            default -> m.write64(a, v);
        }
    }

    /** Loads V{@code t} from {@code a}: {@code 1 << size} bytes (size 0..4), upper bits zeroed. */
    public static void loadVector(A64Cpu c, int t, long a, int size) {
        if (size == 4) {
            long lo = c.memory.read64(a);
            long hi = c.memory.read64(a + 8);
            c.vreg[2 * t] = lo;
            c.vreg[2 * t + 1] = hi;
        } else {
            Vec.setScalar(c, t, size, load(c.memory, a, size));
        }
    }

    /**
     * The transfer of LDP (SIMD&amp;FP): V{@code t} from {@code a} and V{@code t2} from
     * {@code a + (1 << size)}, {@code size} 2, 3 or 4 (S, D or Q registers, the rest of each
     * register zeroed). Both are read before either is written, so a fault leaves the registers
     * unchanged.
     *
     * @throws MemoryFault when a byte of the 2 &lt;&lt; size at {@code a} is not readable
     */
    public static void loadVectorPair(A64Cpu c, int t, int t2, long a, int size) {
        long lo1, hi1 = 0, lo2, hi2 = 0;
        if (size == 4) {
            lo1 = c.memory.read64(a);
            hi1 = c.memory.read64(a + 8);
            lo2 = c.memory.read64(a + 16);
            hi2 = c.memory.read64(a + 24);
        } else {
            lo1 = load(c.memory, a, size);
            lo2 = load(c.memory, a + (1L << size), size);
        }
        c.vreg[2 * t] = lo1;
        c.vreg[2 * t + 1] = hi1;
        c.vreg[2 * t2] = lo2;
        c.vreg[2 * t2 + 1] = hi2;
    }

    /**
     * The transfer of STP (SIMD&amp;FP): the low {@code 1 << size} bytes of V{@code t} to
     * {@code a}, then those of V{@code t2} to {@code a + (1 << size)} ({@code size} 2, 3 or 4).
     *
     * @throws MemoryFault when a byte is not writable (the bytes before it are then written)
     */
    public static void storeVectorPair(A64Cpu c, int t, int t2, long a, int size) {
        storeVector(c, t, a, size);
        storeVector(c, t2, a + (1L << size), size);
    }

    /** Stores the low {@code 1 << size} bytes of V{@code t} (size 0..4). */
    public static void storeVector(A64Cpu c, int t, long a, int size) {
        if (size == 4) {
            c.memory.write64(a, c.vreg[2 * t]);
            c.memory.write64(a + 8, c.vreg[2 * t + 1]);
        } else {
            store(c.memory, a, size, c.vreg[2 * t]);
        }
    }

    /** The access size log2 of a single-register load/store (size, V, opc), or throws Undefined. */
    static int scale(int i) {
        int size = i >>> 30;
        if ((i & (1 << 26)) != 0) {
            int s = (i >>> 23 & 1) << 2 | size;
            if (s > 4) {
                throw Undefined.INSTANCE;
            }
            return s;
        }
        return size;
    }

    /**
     * Performs the transfer of a single-register load/store at {@code a}: V=0 opc 00 store,
     * 01 load, 10 load signed to 64 bits (PRFM for size 3), 11 load signed to 32 bits; V=1
     * opc&lt;0&gt; = load.
     */
    static void transfer(A64Cpu c, int i, long a) {
        int size = i >>> 30;
        int opc = i >>> 22 & 3;
        int t = rd(i);
        if ((i & (1 << 26)) != 0) {
            int s = scale(i);
            if ((opc & 1) != 0) {
                loadVector(c, t, a, s);
            } else {
                storeVector(c, t, a, s);
            }
            return;
        }
        switch (opc) {
            case 0 -> store(c.memory, a, size, c.x[t]);
            case 1 -> c.setX(t, load(c.memory, a, size));
            case 2 -> {
                if (size == 3) {
                    return; // PRFM
                }
                c.setX(t, Bits.sext(load(c.memory, a, size), 8 << size));
            }
            default -> {
                if (size >= 2) {
                    throw Undefined.INSTANCE;
                }
                c.setW(t, Bits.sext(load(c.memory, a, size), 8 << size));
            }
        }
    }

    /** LDR/STR (immediate, unsigned offset): address = Rn|SP + imm12 &lt;&lt; scale. */
    public static void unsignedOffset(A64Cpu c, int i) {
        long a = c.xOrSp(rn(i)) + ((long) (i >>> 10 & 0xFFF) << scale(i));
        transfer(c, i, a);
    }

    /** LDUR/STUR, LDTR/STTR (as plain accesses at EL0) and the pre/post-index forms. */
    public static void immediate9(A64Cpu c, int i) {
        long off = Bits.sext(i >>> 12 & 0x1FF, 9);
        int mode = i >>> 10 & 3;
        int n = rn(i);
        long base = c.xOrSp(n);
        if (mode == 0 || mode == 2) {
            transfer(c, i, base + off);
            return;
        }
        if ((i & (1 << 26)) == 0 && (i >>> 22 & 3) == 2 && (i >>> 30) == 3) {
            throw Undefined.INSTANCE; // no PRFM with writeback
        }
        long a = mode == 3 ? base + off : base;
        transfer(c, i, a);
        c.setXOrSp(n, base + off);
    }

    /** LDR/STR (register offset): address = Rn|SP + ExtendReg(Rm, option) &lt;&lt; (S ? scale : 0). */
    public static void registerOffset(A64Cpu c, int i) {
        int option = i >>> 13 & 7;
        if ((option & 2) == 0) {
            throw Undefined.INSTANCE;
        }
        int shift = (i & (1 << 12)) != 0 ? scale(i) : 0;
        long a = c.xOrSp(rn(i)) + Bits.extend(c.x[rm(i)], option, shift);
        transfer(c, i, a);
    }

    private static int literalSize(int i) {
        int opc = i >>> 30;
        if ((i & (1 << 26)) != 0) {
            return opc + 2;
        }
        return opc == 1 ? 3 : 2;
    }

    private static boolean literalSigned(int i) {
        return (i & (1 << 26)) == 0 && (i >>> 30) == 2;
    }

    private static String literalName(int i) {
        if ((i & (1 << 26)) == 0 && (i >>> 30) == 3) {
            return "prfm";
        }
        return literalSigned(i) ? "ldrsw" : "ldr";
    }

    /** LDR (literal), LDRSW (literal), PRFM (literal), LDR (literal, SIMD&amp;FP). */
    public static void literal(A64Cpu c, int i) {
        long a = c.pc + (Bits.sext(i >>> 5 & 0x7FFFF, 19) << 2);
        int opc = i >>> 30;
        int t = rd(i);
        if ((i & (1 << 26)) != 0) {
            if (opc == 3) {
                throw Undefined.INSTANCE;
            }
            loadVector(c, t, a, opc + 2);
            return;
        }
        switch (opc) {
            case 0 -> c.setW(t, c.memory.read32(a));
            case 1 -> c.setX(t, c.memory.read64(a));
            case 2 -> c.setX(t, c.memory.read32(a));
            default -> {
            }
        }
    }

    /** STP, LDP, LDPSW, STNP, LDNP (GPR and SIMD&amp;FP) in offset, pre- and post-index forms. */
    public static void pair(A64Cpu c, int i) {
        int opc = i >>> 30;
        boolean vector = (i & (1 << 26)) != 0;
        boolean load = (i & (1 << 22)) != 0;
        int mode = i >>> 23 & 3;
        int scale;
        boolean signed = false;
        if (vector) {
            if (opc == 3) {
                throw Undefined.INSTANCE;
            }
            scale = 2 + opc;
        } else {
            if (opc == 3 || (opc == 1 && !load) || (opc == 1 && mode == 0)) {
                throw Undefined.INSTANCE;
            }
            scale = opc == 2 ? 3 : 2;
            signed = opc == 1;
        }
        long off = Bits.sext(i >>> 15 & 0x7F, 7) << scale;
        int n = rn(i);
        long base = c.xOrSp(n);
        long a = mode == 1 ? base : base + off;
        int t = rd(i);
        int t2 = i >>> 10 & 31;
        long step = 1L << scale;
        if (vector) {
            if (load) {
                loadVectorPair(c, t, t2, a, scale);
            } else {
                storeVectorPair(c, t, t2, a, scale);
            }
        } else if (load) {
            long v1 = load(c.memory, a, scale);
            long v2 = load(c.memory, a + step, scale);
            if (signed) {
                v1 = (int) v1;
                v2 = (int) v2;
            }
            c.setX(t, v1);
            c.setX(t2, v2);
        } else {
            long v1 = c.x[t];
            long v2 = c.x[t2];
            c.memory.read8(a + 2 * step - 1); // probe: fault before the first half is written
            store(c.memory, a, scale, v1);
            store(c.memory, a + step, scale, v2);
        }
        if (mode == 1 || mode == 3) {
            c.setXOrSp(n, base + off);
        }
    }

    /**
     * LDXR/STXR, LDAXR/STLXR, LDXP/STXP, LDAXP/STLXP, LDAR/STLR, LDLAR/STLLR and CAS. One CPU
     * per address space, so the exclusive monitor only remembers the address a load-exclusive
     * tagged; a store-exclusive to it succeeds (writes 0 to Ws) and opens the monitor.
     */
    public static void exclusive(A64Cpu c, int i) {
        int size = i >>> 30;
        boolean o2 = (i & (1 << 23)) != 0;
        boolean load = (i & (1 << 22)) != 0;
        boolean o1 = (i & (1 << 21)) != 0;
        int s = rm(i);
        int t = rd(i);
        int t2 = i >>> 10 & 31;
        long a = c.xOrSp(rn(i));
        if (o2 && o1) {
            cas(c, size, s, t, a);
            return;
        }
        if (o2) {
            if (load) {
                c.setX(t, load(c.memory, a, size));
            } else {
                store(c.memory, a, size, c.x[t]);
            }
            return;
        }
        if (o1 && size < 2) {
            casp(c, size, s, t, a);
            return;
        }
        if (load) {
            if (o1) {
                long v1 = load(c.memory, a, size);
                long v2 = load(c.memory, a + (1L << size), size);
                c.setX(t, v1);
                c.setX(t2, v2);
            } else {
                c.setX(t, load(c.memory, a, size));
            }
            c.exclusiveAddress = a;
        } else {
            if (c.exclusiveAddress == a) {
                if (o1) {
                    c.memory.read8(a + (2L << size) - 1);
                    store(c.memory, a, size, c.x[t]);
                    store(c.memory, a + (1L << size), size, c.x[t2]);
                } else {
                    store(c.memory, a, size, c.x[t]);
                }
                c.setW(s, 0);
            } else {
                c.setW(s, 1);
            }
            c.exclusiveAddress = -1;
        }
    }

    /** CAS, CASA, CASL, CASAL (and the B, H forms): Rs gets the old value. */
    public static void cas(A64Cpu c, int size, int s, int t, long a) {
        long mask = Bits.ones(8 << size);
        long old = load(c.memory, a, size);
        if (old == (c.x[s] & mask)) {
            store(c.memory, a, size, c.x[t]);
        }
        c.setX(s, old);
    }

    /**
     * CASP, CASPA, CASPL, CASPAL: compares the pair Rs, Rs+1 with memory and on a match stores
     * Rt, Rt+1; Rs, Rs+1 get the old pair. {@code size} 0 = W registers, 1 = X registers;
     * Rs and Rt must be even.
     */
    public static void casp(A64Cpu c, int size, int s, int t, long a) {
        if ((s & 1) != 0 || (t & 1) != 0) {
            throw Undefined.INSTANCE;
        }
        int e = size + 2;
        long mask = Bits.ones(8 << e);
        long old1 = load(c.memory, a, e);
        long old2 = load(c.memory, a + (1L << e), e);
        if (old1 == (c.x[s] & mask) && old2 == (c.x[s + 1] & mask)) {
            c.memory.read8(a + (2L << e) - 1);
            store(c.memory, a, e, c.x[t]);
            store(c.memory, a + (1L << e), e, c.x[t + 1]);
        }
        c.setX(s, old1);
        c.setX(s + 1, old2);
    }

    /** LDADD, LDCLR, LDEOR, LDSET, LDSMAX, LDSMIN, LDUMAX, LDUMIN, SWP (any ordering): Rt gets the old value. */
    public static void atomic(A64Cpu c, int i) {
        if ((i & (1 << 26)) != 0) {
            throw Undefined.INSTANCE;
        }
        int size = i >>> 30;
        int op = (i >>> 12 & 15);
        long a = c.xOrSp(rn(i));
        long old = load(c.memory, a, size);
        long operand = c.x[rm(i)];
        int bits = 8 << size;
        long r = switch (op) {
            case 0 -> old + operand;
            case 1 -> old & ~operand;
            case 2 -> old ^ operand;
            case 3 -> old | operand;
            case 4 -> Math.max(Bits.sext(old, bits), Bits.sext(operand, bits));
            case 5 -> Math.min(Bits.sext(old, bits), Bits.sext(operand, bits));
            case 6 -> Long.compareUnsigned(old, operand & Bits.ones(bits)) >= 0 ? old : operand;
            case 7 -> Long.compareUnsigned(old, operand & Bits.ones(bits)) <= 0 ? old : operand;
            case 8 -> operand;
            default -> throw Undefined.INSTANCE;
        };
        store(c.memory, a, size, r);
        c.setX(rd(i), old);
    }

    // ---- disassembly ------------------------------------------------------------------------

    private static final String[] SIMD_PREFIX = {"b", "h", "s", "d", "q"};

    private static String regName(int i, int size, boolean wide) {
        if ((i & (1 << 26)) != 0) {
            return SIMD_PREFIX[size] + rd(i);
        }
        return r(rd(i), size == 3 || wide);
    }

    private static String fmtSingle(int i, long pc) {
        int size = i >>> 30;
        int opc = i >>> 22 & 3;
        boolean vector = (i & (1 << 26)) != 0;
        String sz = vector ? "" : size == 0 ? "b" : size == 1 ? "h" : "";
        String m;
        boolean wide = false;
        if (vector) {
            m = (opc & 1) != 0 ? "ldr" : "str";
        } else {
            m = switch (opc) {
                case 0 -> "str" + sz;
                case 1 -> "ldr" + sz;
                case 2 -> size == 3 ? "prfm" : "ldrs" + (size == 2 ? "w" : sz);
                default -> "ldrs" + sz;
            };
            wide = opc == 2;
        }
        int sc;
        try {
            sc = scale(i);
        } catch (Undefined u) {
            return ".inst 0x" + Integer.toHexString(i);
        }
        String rt = regName(i, vector ? sc : size, wide);
        String base = xsp(rn(i));
        if ((i & (1 << 24)) != 0) {
            long off = (long) (i >>> 10 & 0xFFF) << sc;
            return m + " " + rt + ", [" + base + (off != 0 ? ", " + Asm.imm(off) : "") + "]";
        }
        if ((i & (1 << 21)) != 0) {
            int option = i >>> 13 & 7;
            String idx = r(rm(i), (option & 1) != 0);
            String ext = option == 3 ? ((i & (1 << 12)) != 0 ? ", lsl #" + sc : "")
                    : ", " + new String[] {"?", "?", "uxtw", "lsl", "?", "?", "sxtw", "sxtx"}[option] + ((i & (1 << 12)) != 0 ? " #" + sc : "");
            return m + " " + rt + ", [" + base + ", " + idx + ext + "]";
        }
        long off = Bits.sext(i >>> 12 & 0x1FF, 9);
        return switch (i >>> 10 & 3) {
            case 0 -> m.replace("ldr", "ldur").replace("str", "stur") + " " + rt + ", [" + base + (off != 0 ? ", " + Asm.imm(off) : "") + "]";
            case 1 -> m + " " + rt + ", [" + base + "], " + Asm.imm(off);
            case 2 -> m.replace("ldr", "ldtr").replace("str", "sttr") + " " + rt + ", [" + base + (off != 0 ? ", " + Asm.imm(off) : "") + "]";
            default -> m + " " + rt + ", [" + base + ", " + Asm.imm(off) + "]!";
        };
    }

    private static String fmtPair(int i, long pc) {
        int opc = i >>> 30;
        boolean vector = (i & (1 << 26)) != 0;
        boolean load = (i & (1 << 22)) != 0;
        int mode = i >>> 23 & 3;
        int scale = vector ? 2 + opc : opc == 2 ? 3 : 2;
        String m = (load ? "ld" : "st") + (mode == 0 ? "np" : "p") + (!vector && opc == 1 ? "sw" : "");
        String p = vector ? SIMD_PREFIX[Math.min(scale, 4)] : (opc == 2 ? "x" : "w");
        String t1 = vector ? p + rd(i) : r(rd(i), opc == 2);
        int t2n = i >>> 10 & 31;
        String t2 = vector ? p + t2n : r(t2n, opc == 2);
        long off = Bits.sext(i >>> 15 & 0x7F, 7) << scale;
        String base = xsp(rn(i));
        return switch (mode) {
            case 1 -> m + " " + t1 + ", " + t2 + ", [" + base + "], " + Asm.imm(off);
            case 3 -> m + " " + t1 + ", " + t2 + ", [" + base + ", " + Asm.imm(off) + "]!";
            default -> m + " " + t1 + ", " + t2 + ", [" + base + (off != 0 ? ", " + Asm.imm(off) : "") + "]";
        };
    }

    private static String fmtExclusive(int i, long pc) {
        int size = i >>> 30;
        boolean o2 = (i & (1 << 23)) != 0;
        boolean load = (i & (1 << 22)) != 0;
        boolean o1 = (i & (1 << 21)) != 0;
        boolean o0 = (i & (1 << 15)) != 0;
        String sz = size == 0 ? "b" : size == 1 ? "h" : "";
        boolean wide = size == 3;
        String base = "[" + xsp(rn(i)) + "]";
        if (o2 && o1) {
            return "cas" + (load ? "a" : "") + (o0 ? "l" : "") + sz + " " + r(rm(i), wide) + ", " + r(rd(i), wide) + ", " + base;
        }
        if (o2) {
            return (load ? (o0 ? "ldar" : "ldlar") : (o0 ? "stlr" : "stllr")) + sz + " " + r(rd(i), wide) + ", " + base;
        }
        if (o1 && size < 2) {
            boolean x = size == 1;
            return "casp" + (load ? "a" : "") + (o0 ? "l" : "") + " " + r(rm(i), x) + ", " + r(rm(i) + 1, x) + ", " + r(rd(i), x) + ", "
                    + r(rd(i) + 1, x) + ", " + base;
        }
        String p = o1 ? "p" : "";
        String t2 = o1 ? ", " + r(i >>> 10 & 31, wide) : "";
        if (load) {
            return "ld" + (o0 ? "a" : "") + "xr" + p + sz + " " + r(rd(i), wide) + t2 + ", " + base;
        }
        return "st" + (o0 ? "l" : "") + "xr" + p + sz + " " + r(rm(i), false) + ", " + r(rd(i), wide) + t2 + ", " + base;
    }

    private static String fmtAtomic(int i, long pc) {
        int size = i >>> 30;
        int op = i >>> 12 & 15;
        String[] names = {"ldadd", "ldclr", "ldeor", "ldset", "ldsmax", "ldsmin", "ldumax", "ldumin", "swp"};
        String name = op < names.length ? names[op] : "?";
        String order = ((i & (1 << 23)) != 0 ? "a" : "") + ((i & (1 << 22)) != 0 ? "l" : "");
        String sz = size == 0 ? "b" : size == 1 ? "h" : "";
        return name + order + sz + " " + r(rm(i), size == 3) + ", " + r(rd(i), size == 3) + ", [" + xsp(rn(i)) + "]";
    }
}
