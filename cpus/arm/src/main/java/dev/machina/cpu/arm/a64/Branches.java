package dev.machina.cpu.arm.a64;

import static dev.machina.cpu.arm.a64.Asm.r;
import static dev.machina.cpu.arm.a64.Asm.rd;
import static dev.machina.cpu.arm.a64.Asm.rn;

import java.util.List;

/**
 * A64 "Branches, Exception Generating and System instructions" (Arm ARM C4.1.87): conditional
 * and unconditional branches, compare/test and branch, SVC/BRK, hints, barriers, MRS/MSR of the
 * EL0-visible system registers and DC ZVA.
 */
public final class Branches {
    /** DCZID_EL0: DC ZVA allowed, block size 2^4 words = 64 bytes. */
    public static final int DCZID = 4;
    /** CTR_EL0 as a Cortex-A72 reports it (64-byte lines, minimum line sizes 16 words). */
    public static final long CTR = 0x8444C004L;
    /** MIDR_EL1 as Linux emulates it for EL0: implementer Arm, part 0xD08 (Cortex-A72), r0p3. */
    public static final long MIDR = 0x410FD083L;
    /** CNTFRQ_EL0: the generic timer runs at 1 GHz (nanoseconds of the host clock). */
    public static final long CNTFRQ = 1_000_000_000L;

    private Branches() {
    }

    static void register(List<Insn> t) {
        t.add(new Insn("B.cond", 0xFF000010, 0x54000000, Branches::bCond,
                (i, pc) -> "b." + Asm.cond(i & 15) + " " + Asm.addr(pc + (Bits.sext(i >>> 5 & 0x7FFFF, 19) << 2))));
        t.add(new Insn("SVC", 0xFFE0001F, 0xD4000001, Branches::svc, (i, pc) -> "svc " + Asm.imm(i >>> 5 & 0xFFFF)));
        t.add(new Insn("BRK", 0xFFE0001F, 0xD4200000, Branches::brk, (i, pc) -> "brk " + Asm.imm(i >>> 5 & 0xFFFF)));
        t.add(new Insn("HINT", 0xFFFFF01F, 0xD503201F, Branches::hint, (i, pc) -> hintName(i >>> 5 & 0x7F)));
        t.add(new Insn("CLREX", 0xFFFFF0FF, 0xD503305F, Branches::clrex, (i, pc) -> "clrex"));
        t.add(new Insn("DSB/DMB/ISB", 0xFFFFF09F, 0xD503309F, Branches::barrier,
                (i, pc) -> new String[] {"?", "dsb", "dmb", "isb"}[i >>> 5 & 3] + " #" + (i >>> 8 & 15)));
        t.add(new Insn("SYS", 0xFFF80000, 0xD5080000, Branches::sys, (i, pc) -> sysName(i)));
        t.add(new Insn("MRS", 0xFFF00000, 0xD5300000, Branches::mrs, (i, pc) -> "mrs " + r(rd(i), true) + ", " + sysRegName(i >>> 5 & 0xFFFF)));
        t.add(new Insn("MSR (register)", 0xFFF00000, 0xD5100000, Branches::msr, (i, pc) -> "msr " + sysRegName(i >>> 5 & 0xFFFF) + ", " + r(rd(i), true)));
        t.add(new Insn("BR/BLR/RET", 0xFF9FFC1F, 0xD61F0000, Branches::branchRegister,
                (i, pc) -> new String[] {"br", "blr", "ret", "?"}[i >>> 21 & 3] + " " + r(rn(i), true)));
        t.add(new Insn("B/BL", 0x7C000000, 0x14000000, Branches::b,
                (i, pc) -> (i < 0 ? "bl " : "b ") + Asm.addr(pc + (Bits.sext(i & 0x3FFFFFF, 26) << 2))));
        t.add(new Insn("CBZ/CBNZ", 0x7E000000, 0x34000000, Branches::cbz,
                (i, pc) -> ((i & (1 << 24)) != 0 ? "cbnz " : "cbz ") + r(rd(i), i < 0) + ", " + Asm.addr(pc + (Bits.sext(i >>> 5 & 0x7FFFF, 19) << 2))));
        t.add(new Insn("TBZ/TBNZ", 0x7E000000, 0x36000000, Branches::tbz,
                (i, pc) -> ((i & (1 << 24)) != 0 ? "tbnz " : "tbz ") + r(rd(i), i < 0) + ", #" + testBit(i) + ", "
                        + Asm.addr(pc + (Bits.sext(i >>> 5 & 0x3FFF, 14) << 2))));
    }

    /** SVC #imm16: a system call to the supervisor. */
    public static void svc(A64Cpu cpu, int i) {
        cpu.svc(i >>> 5 & 0xFFFF);
    }

    /** BRK #imm16: a breakpoint exception to the supervisor. */
    public static void brk(A64Cpu cpu, int i) {
        cpu.brk(i >>> 5 & 0xFFFF);
    }

    /** HINT (NOP, YIELD, WFE, BTI, PACIASP, ...): no effect at EL0 here. */
    public static void hint(A64Cpu cpu, int i) {
    }

    /** CLREX: opens the exclusive monitor. */
    public static void clrex(A64Cpu cpu, int i) {
        cpu.exclusiveAddress = -1;
    }

    /** DSB, DMB, ISB: one CPU per address space, so no effect. */
    public static void barrier(A64Cpu cpu, int i) {
    }

    /** B.cond. */
    public static void bCond(A64Cpu cpu, int i) {
        if (cpu.condition(i & 15)) {
            cpu.npc = cpu.pc + (Bits.sext(i >>> 5 & 0x7FFFF, 19) << 2);
        }
    }

    /** B and BL (BL writes the return address to X30). */
    public static void b(A64Cpu cpu, int i) {
        if (i < 0) {
            cpu.x[30] = cpu.pc + 4;
        }
        cpu.npc = cpu.pc + (Bits.sext(i & 0x3FFFFFF, 26) << 2);
    }

    /** BR, BLR, RET. */
    public static void branchRegister(A64Cpu cpu, int i) {
        int opc = i >>> 21 & 3;
        if (opc == 3) {
            throw Undefined.INSTANCE;
        }
        long target = cpu.x[rn(i)];
        if (opc == 1) {
            cpu.x[30] = cpu.pc + 4;
        }
        cpu.npc = target;
    }

    /** CBZ, CBNZ. */
    public static void cbz(A64Cpu cpu, int i) {
        long v = cpu.x[rd(i)];
        if (i >= 0) {
            v &= 0xffffffffL;
        }
        boolean nz = (i & (1 << 24)) != 0;
        if ((v != 0) == nz) {
            cpu.npc = cpu.pc + (Bits.sext(i >>> 5 & 0x7FFFF, 19) << 2);
        }
    }

    static int testBit(int i) {
        return (i >>> 31) << 5 | (i >>> 19 & 31);
    }

    /** TBZ, TBNZ. */
    public static void tbz(A64Cpu cpu, int i) {
        boolean bit = ((cpu.x[rd(i)] >>> testBit(i)) & 1) != 0;
        boolean nz = (i & (1 << 24)) != 0;
        if (bit == nz) {
            cpu.npc = cpu.pc + (Bits.sext(i >>> 5 & 0x3FFF, 14) << 2);
        }
    }

    /** SYS: DC ZVA zeroes a 64-byte block; other cache maintenance by VA is a no-op here. */
    public static void sys(A64Cpu cpu, int i) {
        int op = i >>> 5 & 0x3FFF;
        if (op == (3 << 11 | 7 << 7 | 4 << 3 | 1)) {
            long a = cpu.x[rd(i)] & ~63L;
            cpu.memory.zero(a, 64);
            return;
        }
        int crn = i >>> 12 & 15;
        if (crn == 7) {
            if ((op >>> 3 & 15) == 5) {
                cpu.codeMaintenance(cpu.x[rd(i)]); // IC IVAU: translated code of that line may be stale
            }
            return; // DC CVAU, DC CIVAC, ...: data caches are coherent here
        }
        throw Undefined.INSTANCE;
    }

    private static final int NZCV = 3 << 14 | 3 << 11 | 4 << 7 | 2 << 3;
    private static final int FPCR = 3 << 14 | 3 << 11 | 4 << 7 | 4 << 3;
    private static final int FPSR = FPCR | 1;
    private static final int TPIDR = 3 << 14 | 3 << 11 | 13 << 7 | 2;
    private static final int TPIDRRO = 3 << 14 | 3 << 11 | 13 << 7 | 3;
    private static final int CNTFRQ_REG = 3 << 14 | 3 << 11 | 14 << 7;
    private static final int CNTVCT = 3 << 14 | 3 << 11 | 14 << 7 | 2;
    private static final int CNTVCTSS = 3 << 14 | 3 << 11 | 14 << 7 | 6;
    private static final int DCZID_REG = 3 << 14 | 3 << 11 | 7;
    private static final int CTR_REG = 3 << 14 | 3 << 11 | 1;
    private static final int MIDR_REG = 3 << 14;
    private static final int MPIDR_REG = 3 << 14 | 5;
    private static final int REVIDR_REG = 3 << 14 | 6;

    /** MRS of the registers EL0 may read (MIDR_EL1 as Linux's EL0 emulation answers it). */
    public static void mrs(A64Cpu cpu, int i) {
        int reg = i >>> 5 & 0xFFFF;
        long v = switch (reg) {
            case NZCV -> cpu.nzcv() & 0xffffffffL;
            case FPCR -> cpu.fpcr & 0xffffffffL;
            case FPSR -> cpu.fpsr & 0xffffffffL;
            case TPIDR -> cpu.tpidr;
            case TPIDRRO -> 0;
            case CNTFRQ_REG -> CNTFRQ;
            case CNTVCT, CNTVCTSS -> System.nanoTime();
            case DCZID_REG -> DCZID;
            case CTR_REG -> CTR;
            case MIDR_REG -> MIDR;
            case MPIDR_REG -> 0x80000000L;
            case REVIDR_REG -> 0;
            default -> throw Undefined.INSTANCE;
        };
        cpu.setX(rd(i), v);
    }

    /** MSR (register) to NZCV, FPCR, FPSR, TPIDR_EL0. */
    public static void msr(A64Cpu cpu, int i) {
        long v = cpu.x[rd(i)];
        switch (i >>> 5 & 0xFFFF) {
            case NZCV -> cpu.setNzcv((int) (v >>> 28) & 15);
            case FPCR -> cpu.fpcr = (int) v & 0x07FF9F00;
            case FPSR -> cpu.fpsr = (int) v & 0xF800009F;
            case TPIDR -> cpu.tpidr = v;
            default -> throw Undefined.INSTANCE;
        }
    }

    static String sysRegName(int reg) {
        return switch (reg) {
            case NZCV -> "nzcv";
            case FPCR -> "fpcr";
            case FPSR -> "fpsr";
            case TPIDR -> "tpidr_el0";
            case TPIDRRO -> "tpidrro_el0";
            case CNTFRQ_REG -> "cntfrq_el0";
            case CNTVCT -> "cntvct_el0";
            case CNTVCTSS -> "cntvctss_el0";
            case DCZID_REG -> "dczid_el0";
            case CTR_REG -> "ctr_el0";
            case MIDR_REG -> "midr_el1";
            case MPIDR_REG -> "mpidr_el1";
            case REVIDR_REG -> "revidr_el1";
            default -> "s" + (reg >>> 14) + "_" + (reg >>> 11 & 7) + "_c" + (reg >>> 7 & 15) + "_c" + (reg >>> 3 & 15) + "_" + (reg & 7);
        };
    }

    private static String sysName(int i) {
        int op = i >>> 5 & 0x3FFF;
        if (op == (3 << 11 | 7 << 7 | 4 << 3 | 1)) {
            return "dc zva, " + r(rd(i), true);
        }
        return "sys #" + (op >>> 11) + ", c" + (op >>> 7 & 15) + ", c" + (op >>> 3 & 15) + ", #" + (op & 7) + ", " + r(rd(i), true);
    }

    private static String hintName(int h) {
        return switch (h) {
            case 0 -> "nop";
            case 1 -> "yield";
            case 2 -> "wfe";
            case 3 -> "wfi";
            case 4 -> "sev";
            case 5 -> "sevl";
            case 25 -> "paciasp";
            case 29 -> "autiasp";
            case 32 -> "bti";
            case 34 -> "bti c";
            case 36 -> "bti j";
            case 38 -> "bti jc";
            default -> "hint #" + h;
        };
    }
}
