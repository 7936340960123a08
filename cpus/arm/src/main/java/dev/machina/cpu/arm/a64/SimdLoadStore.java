package dev.machina.cpu.arm.a64;

import static dev.machina.cpu.arm.a64.Asm.rd;
import static dev.machina.cpu.arm.a64.Asm.rm;
import static dev.machina.cpu.arm.a64.Asm.rn;
import static dev.machina.cpu.arm.a64.Asm.xsp;

import java.util.List;

/**
 * A64 "Advanced SIMD load/store multiple structures" and "single structure" (Arm ARM C4.1.88):
 * LD1-LD4 / ST1-ST4 (multiple registers and single lanes), LD1R-LD4R, without offset and with
 * post-index by the transfer size or by a register.
 */
public final class SimdLoadStore {
    private static final String[] ARR = {"8b", "16b", "4h", "8h", "2s", "4s", "1d", "2d"};
    private static final String[] LANE = {"b", "h", "s", "d"};

    private SimdLoadStore() {
    }

    static void register(List<Insn> t) {
        t.add(new Insn("LD/ST multiple structures", 0xBF200000, 0x0C000000, SimdLoadStore::multiple, SimdLoadStore::fmtMultiple));
        t.add(new Insn("LD/ST single structure", 0xBF000000, 0x0D000000, SimdLoadStore::single, SimdLoadStore::fmtSingle));
    }

    private static final int[][] LAYOUT = new int[16][];

    static {
        LAYOUT[0] = new int[] {4, 4};
        LAYOUT[2] = new int[] {4, 1};
        LAYOUT[4] = new int[] {3, 3};
        LAYOUT[6] = new int[] {3, 1};
        LAYOUT[7] = new int[] {1, 1};
        LAYOUT[8] = new int[] {2, 2};
        LAYOUT[10] = new int[] {2, 1};
    }

    /** (registers, structure elements) of a multiple-structure opcode, or null for reserved ones. */
    private static int[] layout(int opcode) {
        return LAYOUT[opcode];
    }

    private static void postIndex(A64Cpu c, int i, long base, long bytes) {
        if ((i & (1 << 23)) != 0) {
            int m = rm(i);
            c.setXOrSp(rn(i), base + (m == 31 ? bytes : c.x[m]));
        }
    }

    /** LD1/LD2/LD3/LD4, ST1/ST2/ST3/ST4 (multiple structures). */
    public static void multiple(A64Cpu c, int i) {
        if ((i & (1 << 23)) == 0 && rm(i) != 0) {
            throw Undefined.INSTANCE;
        }
        int[] l = layout(i >>> 12 & 15);
        int size = i >>> 10 & 3;
        boolean q = (i & (1 << 30)) != 0;
        if (l == null || (size == 3 && !q && l[1] != 1)) {
            throw Undefined.INSTANCE;
        }
        boolean load = (i & (1 << 22)) != 0;
        int regs = l[0];
        int selem = l[1];
        int rpt = regs / selem;
        int elements = (q ? 16 : 8) >>> size;
        int ebytes = 1 << size;
        int t = rd(i);
        long base = c.xOrSp(rn(i));
        long a = base;
        if (load) {
            c.memory.read8(a + (long) regs * elements * ebytes - 1); // fault before any register changes
        }
        for (int r = 0; r < rpt; r++) {
            for (int e = 0; e < elements; e++) {
                for (int s = 0; s < selem; s++) {
                    int reg = (t + r + s) & 31;
                    if (load) {
                        Vec.set(c, reg, e, size, LoadStore.load(c.memory, a, size));
                    } else {
                        LoadStore.store(c.memory, a, size, Vec.get(c, reg, e, size));
                    }
                    a += ebytes;
                }
            }
        }
        if (load && !q) {
            for (int r = 0; r < regs; r++) {
                Vec.clearHigh(c, (t + r) & 31);
            }
        }
        postIndex(c, i, base, a - base);
    }

    /** LD1-LD4 / ST1-ST4 (single structure, one lane) and LD1R-LD4R (load and replicate). */
    public static void single(A64Cpu c, int i) {
        if ((i & (1 << 23)) == 0 && rm(i) != 0) {
            throw Undefined.INSTANCE;
        }
        boolean q = (i & (1 << 30)) != 0;
        boolean load = (i & (1 << 22)) != 0;
        int opcode = i >>> 13 & 7;
        int s = i >>> 12 & 1;
        int size = i >>> 10 & 3;
        int selem = (((opcode & 1) << 1) | (i >>> 21 & 1)) + 1;
        int scale = opcode >>> 1;
        int index;
        boolean replicate = false;
        switch (scale) {
            case 0 -> index = (q ? 8 : 0) | s << 2 | size;
            case 1 -> {
                if ((size & 1) != 0) {
                    throw Undefined.INSTANCE;
                }
                index = (q ? 4 : 0) | s << 1 | size >>> 1;
            }
            case 2 -> {
                if ((size & 2) != 0) {
                    throw Undefined.INSTANCE;
                }
                if (size == 0) {
                    index = (q ? 2 : 0) | s;
                } else {
                    if (s != 0) {
                        throw Undefined.INSTANCE;
                    }
                    index = q ? 1 : 0;
                    scale = 3;
                }
            }
            default -> {
                if (!load || s != 0) {
                    throw Undefined.INSTANCE;
                }
                scale = size;
                index = 0;
                replicate = true;
            }
        }
        int t = rd(i);
        long base = c.xOrSp(rn(i));
        long a = base;
        int ebytes = 1 << scale;
        if (replicate) {
            int elements = (q ? 16 : 8) >>> scale;
            for (int k = 0; k < selem; k++) {
                long v = LoadStore.load(c.memory, a, scale);
                int reg = (t + k) & 31;
                long rep = Bits.replicate(v, 8 << scale);
                c.vreg[2 * reg] = rep;
                c.vreg[2 * reg + 1] = q ? rep : 0;
                a += ebytes;
            }
            assert elements > 0;
        } else {
            if (load) {
                c.memory.read8(a + (long) selem * ebytes - 1);
            }
            for (int k = 0; k < selem; k++) {
                int reg = (t + k) & 31;
                if (load) {
                    Vec.set(c, reg, index, scale, LoadStore.load(c.memory, a, scale));
                } else {
                    LoadStore.store(c.memory, a, scale, Vec.get(c, reg, index, scale));
                }
                a += ebytes;
            }
        }
        postIndex(c, i, base, a - base);
    }

    private static String regList(int t, int n, String arr) {
        StringBuilder sb = new StringBuilder("{");
        for (int k = 0; k < n; k++) {
            sb.append(k > 0 ? ", " : "").append('v').append((t + k) & 31).append('.').append(arr);
        }
        return sb.append('}').toString();
    }

    private static String post(int i, int bytes) {
        if ((i & (1 << 23)) == 0) {
            return "";
        }
        return rm(i) == 31 ? ", #" + bytes : ", x" + rm(i);
    }

    private static String fmtMultiple(int i, long pc) {
        int[] l = layout(i >>> 12 & 15);
        if (l == null) {
            return ".inst 0x" + Integer.toHexString(i);
        }
        int size = i >>> 10 & 3;
        int q = i >>> 30 & 1;
        String m = ((i & (1 << 22)) != 0 ? "ld" : "st") + l[1];
        return m + " " + regList(rd(i), l[0], ARR[size * 2 + q]) + ", [" + xsp(rn(i)) + "]" + post(i, l[0] * (8 << q));
    }

    private static String fmtSingle(int i, long pc) {
        int opcode = i >>> 13 & 7;
        int selem = (((opcode & 1) << 1) | (i >>> 21 & 1)) + 1;
        int scale = opcode >>> 1;
        int size = i >>> 10 & 3;
        int q = i >>> 30 & 1;
        String m = ((i & (1 << 22)) != 0 ? "ld" : "st") + selem;
        if (scale == 3) {
            return m + "r " + regList(rd(i), selem, ARR[size * 2 + q]) + ", [" + xsp(rn(i)) + "]" + post(i, selem << size);
        }
        int s = i >>> 12 & 1;
        int index = switch (scale) {
            case 0 -> q << 3 | s << 2 | size;
            case 1 -> q << 2 | s << 1 | size >>> 1;
            default -> size == 0 ? q << 1 | s : q;
        };
        if (scale == 2 && size == 1) {
            scale = 3;
        }
        return m + " " + regList(rd(i), selem, LANE[scale]) + "[" + index + "], [" + xsp(rn(i)) + "]" + post(i, selem << scale);
    }
}
