package dev.machina.cpu.z80;

import dev.machina.core.memory.AddressSpace;
import dev.machina.core.recomp.HiddenClasses;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;

import static dev.machina.cpu.z80.Z80State.*;
import static java.lang.constant.ConstantDescs.CD_boolean;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;

/**
 * Translates a Z80 block (from a guest address to a control-flow exit, at most
 * {@code maxInstructions}) into a hidden class extending {@link Z80Block}, with
 * {@code java.lang.classfile}. Decoding uses the interpreter's tables ({@link Z80Decoder}); the
 * common instructions are emitted inline with the registers in JVM locals and the flag
 * semantics of {@link Z80Alu} (the same pure functions the interpreter calls); the others
 * (block transfers, I/O, interrupt control, EX AF/EXX, SCF/CCF, DDCB/FDCB, ...) are run by the
 * interpreter through {@link Z80Recompiler#interpret} after the block stores its registers.
 * T-states, R and the instruction count are added at exits as constants of the path taken;
 * the T-states of each instruction follow the interpreter (Zilog UM0080 timing).
 *
 * <p>A block ends after a jump, call, return, RST, HALT, EI, RETN, an I/O instruction or a
 * repeating block instruction, and after any instruction that accessed memory when
 * {@link Z80Recompiler#exitRequest} is set (a write to a code page, an interrupt request, a
 * stopped slice). Only bytes from pages backed by a heap array are translated (reading a
 * handler page could have side effects).
 */
final class Z80Translator {
    static final ClassDesc CD_BLOCK = ClassDesc.of("dev.machina.cpu.z80.Z80Block");
    static final ClassDesc CD_GEN = ClassDesc.of("dev.machina.cpu.z80.Z80Block$Translated");
    static final ClassDesc CD_REC = ClassDesc.of("dev.machina.cpu.z80.Z80Recompiler");
    static final ClassDesc CD_STATE = ClassDesc.of("dev.machina.cpu.z80.Z80State");
    static final ClassDesc CD_ALU = ClassDesc.of("dev.machina.cpu.z80.Z80Alu");
    static final ClassDesc CD_SPACE = ClassDesc.of("dev.machina.core.memory.AddressSpace");
    static final MethodTypeDesc MTD_CTOR = MethodTypeDesc.of(CD_void, CD_long, CD_long, CD_int, CD_int, CD_boolean, CD_int);
    static final MethodTypeDesc MTD_RUN = MethodTypeDesc.of(CD_BLOCK, CD_REC);
    static final MethodTypeDesc MTD_READ = MethodTypeDesc.of(CD_int, CD_int);
    static final MethodTypeDesc MTD_WRITE = MethodTypeDesc.of(CD_void, CD_int, CD_int);
    static final MethodTypeDesc MTD_EXIT = MethodTypeDesc.of(CD_BLOCK, CD_BLOCK, CD_int, CD_int, CD_int, CD_int, CD_int, CD_int);
    static final MethodTypeDesc MTD_INTERPRET = MethodTypeDesc.of(CD_void, CD_int, CD_int, CD_int, CD_int, CD_int);
    static final MethodTypeDesc MTD_ROOM = MethodTypeDesc.of(CD_int);
    static final MethodTypeDesc MTD_I2 = MethodTypeDesc.of(CD_int, CD_int, CD_int);
    static final MethodTypeDesc MTD_I3 = MethodTypeDesc.of(CD_int, CD_int, CD_int, CD_int);
    static final MethodTypeDesc MTD_I4 = MethodTypeDesc.of(CD_int, CD_int, CD_int, CD_int, CD_int);
    static final MethodType MT_CTOR = MethodType.methodType(void.class, long.class, long.class, int.class, int.class,
            boolean.class, int.class);
    static final ClassFile CF = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(
            ClassHierarchyResolver.defaultResolver().orElse(ClassHierarchyResolver.ofClassLoading(Z80Translator.class.getClassLoader()))));
    static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

    // JVM local slots of the generated run method
    static final int THIS = 0, RC = 1, S = 2, R = 3, MEM = 4, REG0 = 5;
    /** Pseudo register numbers after the r[] indices 0..11: F, SP, WZ. */
    static final int RF = 12, RSP = 13, RWZ = 14;
    static final int T0 = 20, T1 = 21, XPC = 22, XT = 23, XN = 24, XM = 25, XQ = 26, XK = 27;
    /**
     * Run-time counters of a region since the last synchronisation: T-states (LT), and the
     * instructions and M1 cycles packed in one int (LNM: instructions in bits 0-15, M1 cycles in
     * bits 16-31, which cannot overflow because {@link Z80Recompiler#room} is at most 2^17
     * T-states and every M1 cycle takes 4); ROOM: the T-states left in the slice at entry.
     */
    static final int LT = 28, LNM = 29, ROOM = 31;
    /** A third scratch local (the 9-bit sum or difference of an inline 8-bit addition or subtraction). */
    static final int T2 = 32;
    /**
     * A select ({@code Z80Emitter.select}): the registers before the skipped instructions
     * (SAVE0 + register number, 0..14) and the mask of the path not taken.
     */
    static final int SAVE0 = 33, MASK = 48;
    /** Bound of the T-states of an instruction run by the interpreter (the longest Z80 instruction, e.g. DDCB, is 23). */
    static final int FALLBACK_T = 23;

    private final AddressSpace mem;
    private final int maxInstructions;
    /** Statistics: forward JR cc translated as selects ({@code Z80Emitter.select}), for tests. */
    long selects;
    private final int pageShift;
    /** Lockstep: I/O instructions are left to the interpreter (outside blocks), so every block can be checked. */
    private boolean excludeIo;

    /**
     * @param mem             the program space code is read from (direct pages only)
     * @param maxInstructions block size cap, 1..64
     */
    Z80Translator(AddressSpace mem, int maxInstructions) {
        this.mem = mem;
        this.maxInstructions = maxInstructions;
        this.pageShift = Integer.numberOfTrailingZeros(mem.pageSize());
    }

    /** With {@code on}, blocks end before I/O instructions (the lockstep checker runs blocks twice). */
    void excludeIo(boolean on) {
        excludeIo = on;
    }

    /** A decoded instruction: its address and the next one's, M1 cycles, kind and operands from the tables. */
    record Insn(int pc, int next, int m1, int kind, int a, int b, int d, int n, boolean inline, boolean ends,
                        boolean io, int tMax) {
    }

    /** A basic block: instructions from {@code start} up to a control-flow instruction or the size cap. */
    record Basic(int start, List<Insn> insns, int tMax) {
    }

    /**
     * The translation of the block at {@code pc}: one entry per basic block of the region, the
     * one at {@code pc} first; null when not even its first instruction can be read. With regions on (block cap above 1), the direct branch targets in the same page
     * are translated into the same method as further basic blocks reached by {@code goto}
     * (DESIGN.md, "hot loops compiled as regions"), up to the instruction cap and the method
     * byte budget.
     */
    List<Z80Block> translate(int pc) {
        int cap = maxInstructions;
        for (;;) {
            java.util.LinkedHashMap<Integer, Basic> region = discover(pc, cap);
            if (region.isEmpty()) {
                return null;
            }
            coverSelects(region);
            Z80Emitter first = new Z80Emitter(region, ~0, ~0);
            build(first);
            Z80Emitter second = new Z80Emitter(region, first.used, first.written);
            byte[] bytes = build(second);
            if (codeLength(bytes) > HiddenClasses.METHOD_BYTE_BUDGET && cap > 1) {
                cap = Math.max(1, cap / 2);
                continue;
            }
            selects += second.selects;
            int end = 0, count = 0;
            boolean io = false;
            for (Basic b : region.values()) {
                Insn last = b.insns.getLast();
                end = Math.max(end, last.next);
                count += b.insns.size();
                for (Insn i : b.insns) {
                    io |= i.io;
                }
            }
            try {
                MethodHandles.Lookup l = HiddenClasses.define(LOOKUP, bytes);
                MethodHandle ctor = l.findConstructor(l.lookupClass(), MT_CTOR);
                List<Z80Block> entries = new ArrayList<>(region.size());
                int k = 0;
                for (Basic b : region.values()) {
                    entries.add((Z80Block) ctor.invoke((long) b.start, (long) Math.max(end, b.start + 1), b.tMax, count, io, k++));
                }
                return entries;
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("z80 recompiler: cannot instantiate the block at " + hex(pc) + ": " + e, e);
            }
        }
    }

    /**
     * Raises the {@code tMax} of each basic block that ends in a forward JR cc emitted as a
     * select ({@code Z80Emitter.skipped}) to cover the path not taken, which runs the skipped
     * instructions inside the block: the block is entered only when they fit the slice too, so
     * the slice ends where the interpreter's would.
     */
    static void coverSelects(java.util.LinkedHashMap<Integer, Basic> region) {
        for (java.util.Map.Entry<Integer, Basic> e : region.entrySet()) {
            Basic b = e.getValue();
            Insn last = b.insns.getLast();
            if (last.kind != Op.JR_CC || !last.inline) {
                continue;
            }
            List<Insn> skip = Z80Emitter.skipped(last, (last.next + (byte) last.n) & 0xFFFF, region);
            if (skip == null) {
                continue;
            }
            int notTaken = time(Op.JR_CC, last.a, last.b, last.m1, false);
            for (Insn i : skip) {
                notTaken += i.tMax;
            }
            e.setValue(new Basic(b.start, b.insns, b.tMax - last.tMax + Math.max(last.tMax, notTaken)));
        }
    }

    /** Basic blocks from {@code pc}, then (regions) those at direct branch targets in the same page, entry first. */
    private java.util.LinkedHashMap<Integer, Basic> discover(int pc, int cap) {
        java.util.LinkedHashMap<Integer, Basic> region = new java.util.LinkedHashMap<>();
        java.util.ArrayDeque<Integer> work = new java.util.ArrayDeque<>();
        work.add(pc);
        int total = 0;
        int page = pc >>> pageShift;
        while (!work.isEmpty() && total < cap) {
            int start = work.poll();
            if (region.containsKey(start)) {
                continue;
            }
            List<Insn> list = new ArrayList<>();
            int p = start;
            int tMax = 0;
            while (total + list.size() < cap) {
                Insn i = decode(p);
                if (i == null) {
                    break;
                }
                list.add(i);
                tMax += i.tMax;
                p = i.next;
                if (i.ends) {
                    break;
                }
            }
            if (list.isEmpty()) {
                continue;
            }
            region.put(start, new Basic(start, list, tMax));
            total += list.size();
            if (cap > 1) {
                for (int target : successors(list.getLast())) {
                    if (target >>> pageShift == page && !region.containsKey(target)) {
                        work.add(target);
                    }
                }
            }
        }
        return region;
    }

    /** Direct successors a region may continue at: jump targets and fall-throughs (not calls, returns, interpreted instructions). */
    private static int[] successors(Insn i) {
        int rel = (i.next + (byte) i.n) & 0xFFFF;
        if (!i.inline) {
            return new int[0];
        }
        return switch (i.kind) {
            case Op.JR -> new int[]{rel};
            case Op.JP -> new int[]{i.n};
            case Op.JR_CC, Op.DJNZ -> new int[]{rel, i.next};
            case Op.JP_CC -> new int[]{i.n, i.next};
            case Op.CALL, Op.CALL_CC, Op.RST, Op.RET, Op.RET_CC, Op.JP_RR -> new int[0];
            default -> new int[]{i.next};
        };
    }

    private static int codeLength(byte[] bytes) {
        for (java.lang.classfile.MethodModel m : ClassFile.of().parse(bytes).methods()) {
            if (m.methodName().equalsString("run")) {
                return m.findAttribute(java.lang.classfile.Attributes.code()).orElseThrow().codeLength();
            }
        }
        return 0;
    }

    private static byte[] build(Z80Emitter gen) {
        return CF.build(CD_GEN, cb -> {
            cb.withFlags(ClassFile.ACC_FINAL | ClassFile.ACC_SUPER | ClassFile.ACC_SYNTHETIC);
            cb.withSuperclass(CD_BLOCK);
            cb.withMethodBody(ConstantDescs.INIT_NAME, MTD_CTOR, ClassFile.ACC_PUBLIC, c -> {
                c.aload(0);
                c.lload(1);
                c.lload(3);
                c.iload(5);
                c.iload(6);
                c.iload(7);
                c.iload(8);
                c.invokespecial(CD_BLOCK, ConstantDescs.INIT_NAME, MTD_CTOR);
                c.return_();
            });
            cb.withMethodBody("run", MTD_RUN, ClassFile.ACC_PUBLIC, gen::emit);
        });
    }

    private static String hex(int v) {
        return String.format("%04XH", v);
    }

    // ------------------------------------------------------------------ decoding

    /** A code byte, or -1 when {@code address} is past 0FFFFH or its page is not a heap array. */
    private int byteAt(int address) {
        if (address > 0xFFFF) {
            return -1;
        }
        byte[] a = mem.directReadArray(address);
        return a == null ? -1 : a[mem.directReadArrayIndex(address)] & 0xFF;
    }

    /** Decodes the instruction at {@code pc} as the interpreter's dispatch does; null when its bytes cannot be read. */
    private Insn decode(int pc) {
        int p = pc;
        int op = byteAt(p++);
        if (op < 0) {
            return null;
        }
        int m1 = 1;
        int code = Z80Decoder.MAIN_CODE[op];
        for (;;) {
            int kind = code & 0xFF;
            if (kind == Op.PREFIX_CB || kind == Op.PREFIX_ED || kind == Op.PREFIX_DD || kind == Op.PREFIX_FD) {
                op = byteAt(p++);
                if (op < 0) {
                    return null;
                }
                m1++;
                code = switch (kind) {
                    case Op.PREFIX_CB -> Z80Decoder.CB_CODE[op];
                    case Op.PREFIX_ED -> Z80Decoder.ED_CODE[op];
                    case Op.PREFIX_DD -> Z80Decoder.DD_CODE[op];
                    default -> Z80Decoder.FD_CODE[op];
                };
                if ((kind == Op.PREFIX_DD || kind == Op.PREFIX_FD) && (code & 0xFF) == Op.PREFIX_CB) {
                    // DDCB/FDCB d op: run by the interpreter
                    if (byteAt(p) < 0 || byteAt(p + 1) < 0) {
                        return null;
                    }
                    return new Insn(pc, p + 2, m1, -1, 0, 0, 0, 0, false, false, false, FALLBACK_T);
                }
                continue;
            }
            break;
        }
        int kind = code & 0xFF, a = (code >> 8) & 0xFF, b = code >>> 16;
        int n = 0, d = 0;
        switch (kind) {
            case Op.LD_RR_NN, Op.LD_NN_RR, Op.LD_RR_NNI, Op.LD_NN_A, Op.LD_A_NN, Op.JP_CC, Op.JP, Op.CALL_CC, Op.CALL -> {
                int lo = byteAt(p++), hi = byteAt(p++);
                if (lo < 0 || hi < 0) {
                    return null;
                }
                n = lo | hi << 8;
            }
            case Op.LD_R_N, Op.ALU_N, Op.OUT_N_A, Op.IN_A_N, Op.DJNZ, Op.JR, Op.JR_CC -> {
                n = byteAt(p++);
                if (n < 0) {
                    return null;
                }
            }
            case Op.INC_M, Op.DEC_M, Op.LD_M_R, Op.LD_M_N, Op.LD_R_M, Op.ALU_M -> {
                int pair = kind == Op.LD_R_M || kind == Op.ALU_M ? b : a;
                if (pair != HL) {
                    int v = byteAt(p++);
                    if (v < 0) {
                        return null;
                    }
                    d = (byte) v;
                }
                if (kind == Op.LD_M_N) {
                    n = byteAt(p++);
                    if (n < 0) {
                        return null;
                    }
                }
            }
            default -> {
            }
        }
        boolean inline = switch (kind) {
            case Op.EX_AF, Op.EXX, Op.SCF, Op.CCF, Op.HALT, Op.OUT_N_A, Op.IN_A_N, Op.EX_SP_RR, Op.DI, Op.EI, Op.IN_R_C,
                 Op.OUT_C_R, Op.RETN, Op.IM, Op.LD_I_A, Op.LD_R_A, Op.LD_A_I, Op.LD_A_R, Op.RRD, Op.RLD, Op.ED_NOP,
                 Op.CPI, Op.INI, Op.OUTI -> false;
            default -> true;
        };
        boolean io = kind == Op.OUT_N_A || kind == Op.IN_A_N || kind == Op.IN_R_C || kind == Op.OUT_C_R || kind == Op.INI
                || kind == Op.OUTI;
        if (io && excludeIo) {
            return null;
        }
        boolean ends = io || switch (kind) {
            case Op.JR, Op.JR_CC, Op.DJNZ, Op.JP, Op.JP_CC, Op.JP_RR, Op.CALL, Op.CALL_CC, Op.RET, Op.RET_CC, Op.RST,
                 Op.RETN, Op.HALT, Op.EI -> true;
            case Op.CPI -> b != 0;
            default -> false;
        };
        int tMax = inline ? Math.max(time(kind, a, b, m1, false), time(kind, a, b, m1, true)) : FALLBACK_T;
        return new Insn(pc, p, m1, kind, a, b, d, n, inline, ends, io, tMax);
    }

    /** Extra T-states of an (IX+d)/(IY+d) operand: the displacement fetch and 5 internal T-states. */
    static int ea(int pair) {
        return pair == HL ? 0 : 8;
    }

    /** T-states of an inline instruction (UM0080; as the interpreter counts them), branch taken or not. */
    static int time(int kind, int a, int b, int m1, boolean taken) {
        int base = 4 * m1;
        return switch (kind) {
            case Op.LD_RR_NN -> base + 6;
            case Op.ADD_RR, Op.SBC_HL, Op.ADC_HL -> base + 7;
            case Op.LD_IND_A, Op.LD_A_IND, Op.LD_R_N, Op.ALU_N -> base + 3;
            case Op.LD_NN_RR, Op.LD_RR_NNI -> base + 12;
            case Op.LD_NN_A, Op.LD_A_NN -> base + 9;
            case Op.INC_RR, Op.DEC_RR, Op.LD_SP_RR -> base + 2;
            case Op.INC_M, Op.DEC_M -> base + ea(a) + 7;
            case Op.LD_M_N -> base + (a == HL ? 6 : 11);
            case Op.DJNZ -> base + (taken ? 9 : 4);
            case Op.JR -> base + 8;
            case Op.JR_CC -> base + (taken ? 8 : 3);
            case Op.LD_R_M, Op.ALU_M -> base + ea(b) + 3;
            case Op.LD_M_R -> base + ea(a) + 3;
            case Op.RET_CC -> base + (taken ? 7 : 1);
            case Op.POP, Op.RET, Op.JP_CC, Op.JP -> base + 6;
            case Op.CALL_CC -> base + (taken ? 13 : 6);
            case Op.CALL -> base + 13;
            case Op.PUSH, Op.RST -> base + 7;
            case Op.ROT_M, Op.RES_M, Op.SET_M -> base + 7;
            case Op.BIT_M -> base + 4;
            case Op.LDI -> base + 8 + (taken ? 5 : 0);
            default -> base;
        };
    }
}
