package dev.machina.cpu.z80;

import dev.machina.core.memory.AddressSpace;
import dev.machina.core.recomp.HiddenClasses;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
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
    private static final ClassDesc CD_BLOCK = ClassDesc.of("dev.machina.cpu.z80.Z80Block");
    private static final ClassDesc CD_GEN = ClassDesc.of("dev.machina.cpu.z80.Z80Block$Translated");
    private static final ClassDesc CD_REC = ClassDesc.of("dev.machina.cpu.z80.Z80Recompiler");
    private static final ClassDesc CD_STATE = ClassDesc.of("dev.machina.cpu.z80.Z80State");
    private static final ClassDesc CD_ALU = ClassDesc.of("dev.machina.cpu.z80.Z80Alu");
    private static final ClassDesc CD_SPACE = ClassDesc.of("dev.machina.core.memory.AddressSpace");
    private static final MethodTypeDesc MTD_CTOR = MethodTypeDesc.of(CD_void, CD_long, CD_long, CD_int, CD_int, CD_boolean, CD_int);
    private static final MethodTypeDesc MTD_RUN = MethodTypeDesc.of(CD_BLOCK, CD_REC);
    private static final MethodTypeDesc MTD_READ = MethodTypeDesc.of(CD_int, CD_int);
    private static final MethodTypeDesc MTD_WRITE = MethodTypeDesc.of(CD_void, CD_int, CD_int);
    private static final MethodTypeDesc MTD_EXIT = MethodTypeDesc.of(CD_BLOCK, CD_BLOCK, CD_int, CD_int, CD_int, CD_int, CD_int, CD_int);
    private static final MethodTypeDesc MTD_INTERPRET = MethodTypeDesc.of(CD_void, CD_int, CD_int, CD_int, CD_int, CD_int);
    private static final MethodTypeDesc MTD_ROOM = MethodTypeDesc.of(CD_int);
    private static final MethodTypeDesc MTD_I2 = MethodTypeDesc.of(CD_int, CD_int, CD_int);
    private static final MethodTypeDesc MTD_I3 = MethodTypeDesc.of(CD_int, CD_int, CD_int, CD_int);
    private static final MethodTypeDesc MTD_I4 = MethodTypeDesc.of(CD_int, CD_int, CD_int, CD_int, CD_int);
    private static final MethodType MT_CTOR = MethodType.methodType(void.class, long.class, long.class, int.class, int.class,
            boolean.class, int.class);
    private static final ClassFile CF = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(
            ClassHierarchyResolver.defaultResolver().orElse(ClassHierarchyResolver.ofClassLoading(Z80Translator.class.getClassLoader()))));
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

    // JVM local slots of the generated run method
    private static final int THIS = 0, RC = 1, S = 2, R = 3, MEM = 4, REG0 = 5;
    /** Pseudo register numbers after the r[] indices 0..11: F, SP, WZ. */
    private static final int RF = 12, RSP = 13, RWZ = 14;
    private static final int T0 = 20, T1 = 21, XPC = 22, XT = 23, XN = 24, XM = 25, XQ = 26, XK = 27;
    /** Run-time counters of a region (T-states, instructions, M1 cycles since the last synchronisation) and the T-states left in the slice. */
    private static final int LT = 28, LN = 29, LM = 30, ROOM = 31;
    /** Bound of the T-states of an instruction run by the interpreter (the longest Z80 instruction, e.g. DDCB, is 23). */
    private static final int FALLBACK_T = 23;

    private final AddressSpace mem;
    private final int maxInstructions;
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
    private record Insn(int pc, int next, int m1, int kind, int a, int b, int d, int n, boolean inline, boolean ends,
                        boolean io, int tMax) {
    }

    /** A basic block: instructions from {@code start} up to a control-flow instruction or the size cap. */
    private record Basic(int start, List<Insn> insns, int tMax) {
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
            Gen first = new Gen(region, ~0, ~0);
            build(first);
            Gen second = new Gen(region, first.used, first.written);
            byte[] bytes = build(second);
            if (codeLength(bytes) > HiddenClasses.METHOD_BYTE_BUDGET && cap > 1) {
                cap = Math.max(1, cap / 2);
                continue;
            }
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

    private static byte[] build(Gen gen) {
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
    private static int ea(int pair) {
        return pair == HL ? 0 : 8;
    }

    /** T-states of an inline instruction (UM0080; as the interpreter counts them), branch taken or not. */
    private static int time(int kind, int a, int b, int m1, boolean taken) {
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

    // ------------------------------------------------------------------ code generation

    /**
     * Emits one block's run method. Run twice: the first pass finds the registers the block uses
     * and writes (a superset is harmless), the second loads only those at entry and stores only
     * the written ones at exits and before interpreter calls.
     */
    private static final class Gen {
        private final java.util.LinkedHashMap<Integer, Basic> region;
        private final java.util.Map<Integer, Label> labels = new java.util.HashMap<>();
        private final java.util.Map<Integer, Integer> linkSlots = new java.util.HashMap<>();
        private final int loadMask;
        private final int storeMask;
        int used;
        int written;
        private CodeBuilder c;
        private Label stub;
        // counters since the last synchronisation with the state
        private int tPend, nPend, mPend;
        /** Whether the instruction just emitted wrote F (Q = F after it). */
        private boolean wroteF;

        Gen(java.util.LinkedHashMap<Integer, Basic> region, int loadMask, int storeMask) {
            this.region = region;
            this.loadMask = loadMask;
            this.storeMask = storeMask;
        }

        void emit(CodeBuilder c) {
            this.c = c;
            used = written = 0;
            tPend = nPend = mPend = 0;
            wroteF = false;
            stub = c.newLabel();
            c.aload(RC);
            c.getfield(CD_REC, "s", CD_STATE);
            c.astore(S);
            c.aload(S);
            c.getfield(CD_STATE, "r", CD_int.arrayType());
            c.astore(R);
            c.aload(RC);
            c.getfield(CD_REC, "mem", CD_SPACE);
            c.astore(MEM);
            loadRegisters();
            c.iconst_0();
            c.istore(LT);
            c.iconst_0();
            c.istore(LN);
            c.iconst_0();
            c.istore(LM);
            c.aload(RC);
            c.invokevirtual(CD_REC, "room", MTD_ROOM);
            c.istore(ROOM);
            labels.clear();
            linkSlots.clear();
            List<java.lang.classfile.instruction.SwitchCase> cases = new ArrayList<>();
            for (int start : region.keySet()) {
                Label l = c.newLabel();
                labels.put(start, l);
                cases.add(java.lang.classfile.instruction.SwitchCase.of(cases.size(), l));
            }
            if (cases.size() > 1) {
                c.aload(THIS);
                c.getfield(CD_BLOCK, "entry", CD_int);
                c.tableswitch(0, cases.size() - 1, cases.getFirst().target(), cases);
            }
            for (Basic b : region.values()) {
                c.labelBinding(labels.get(b.start));
                tPend = nPend = mPend = 0;
                wroteF = false;
                List<Insn> insns = b.insns;
                for (int k = 0; k < insns.size(); k++) {
                    Insn i = insns.get(k);
                    boolean last = k == insns.size() - 1;
                    if (i.inline) {
                        inline(i, last);
                    } else {
                        fallback(i, last);
                    }
                }
            }
            c.labelBinding(stub);
            storeRegisters();
            c.aload(RC);
            c.aload(THIS);
            c.iload(XPC);
            c.iload(XT);
            c.iload(XN);
            c.iload(XM);
            c.iload(XQ);
            c.iload(XK);
            c.invokevirtual(CD_REC, "exit", MTD_EXIT);
            c.areturn();
        }

        // ---------------------------------------------------------- registers

        private static int slot(int reg) {
            return REG0 + reg;
        }

        private void ld(int reg) {
            used |= 1 << reg;
            c.iload(slot(reg));
        }

        private void st(int reg) {
            used |= 1 << reg;
            written |= 1 << reg;
            c.istore(slot(reg));
        }

        private void loadRegisters() {
            for (int k = 0; k < 12; k++) {
                if ((loadMask & 1 << k) != 0 && k != 6) {
                    c.aload(R);
                    c.loadConstant(k);
                    c.iaload();
                    c.istore(slot(k));
                }
            }
            loadField(RF, "f");
            loadField(RSP, "sp");
            loadField(RWZ, "wz");
        }

        private void loadField(int reg, String name) {
            if ((loadMask & 1 << reg) != 0) {
                c.aload(S);
                c.getfield(CD_STATE, name, CD_int);
                c.istore(slot(reg));
            }
        }

        private void storeRegisters() {
            for (int k = 0; k < 12; k++) {
                if ((storeMask & 1 << k) != 0 && k != 6) {
                    c.aload(R);
                    c.loadConstant(k);
                    c.iload(slot(k));
                    c.iastore();
                }
            }
            storeField(RF, "f");
            storeField(RSP, "sp");
            storeField(RWZ, "wz");
        }

        private void storeField(int reg, String name) {
            if ((storeMask & 1 << reg) != 0) {
                c.aload(S);
                c.iload(slot(reg));
                c.putfield(CD_STATE, name, CD_int);
            }
        }

        /** Pushes register pair {@code p} (BC..IY), 0..FFFFH. */
        private void pair(int p) {
            switch (p) {
                case SP -> ld(RSP);
                case AF -> hiLo(A, RF);
                default -> hiLo(PAIR_HIGH[p], PAIR_HIGH[p] + 1);
            }
        }

        private void hiLo(int hi, int lo) {
            ld(hi);
            c.bipush(8);
            c.ishl();
            ld(lo);
            c.ior();
        }

        /** Pops a value (any int; its low 16 bits are used) into register pair {@code p}. */
        private void setPair(int p) {
            if (p == SP) {
                c.ldc(0xFFFF);
                c.iand();
                st(RSP);
                return;
            }
            int hi = p == AF ? A : PAIR_HIGH[p];
            int lo = p == AF ? RF : PAIR_HIGH[p] + 1;
            c.dup();
            c.bipush(8);
            c.ishr();
            c.sipush(0xFF);
            c.iand();
            st(hi);
            c.sipush(0xFF);
            c.iand();
            st(lo);
        }

        /** Splits a packed {@code value | F << shift} result: value (masked) into {@code reg}, F. */
        private void unpack(int reg, int shift, int mask) {
            c.dup();
            c.loadConstant(mask);
            c.iand();
            st(reg);
            c.bipush(shift);
            c.iushr();
            st(RF);
            wroteF = true;
        }

        // ---------------------------------------------------------- memory

        private void read() {
            c.invokevirtual(CD_SPACE, "read8", MTD_READ);
        }

        private void write() {
            c.invokevirtual(CD_SPACE, "write8", MTD_WRITE);
        }

        /** Leaves the effective address of a memory operand in T0: HL, or (IX+d)/(IY+d) also copied to WZ. */
        private void ea(int p, int d) {
            pair(p);
            if (p != HL) {
                c.loadConstant(d);
                c.iadd();
                c.ldc(0xFFFF);
                c.iand();
                c.dup();
                st(RWZ);
            }
            c.istore(T0);
        }

        /** PUSH of the value in T1: high byte to SP-1, low to SP-2. */
        private void push() {
            c.aload(MEM);
            ld(RSP);
            c.iconst_1();
            c.isub();
            c.iload(T1);
            c.bipush(8);
            c.ishr();
            write();
            c.aload(MEM);
            ld(RSP);
            c.iconst_2();
            c.isub();
            c.iload(T1);
            write();
            ld(RSP);
            c.iconst_2();
            c.isub();
            c.ldc(0xFFFF);
            c.iand();
            st(RSP);
        }

        /** POP into T0. */
        private void pop() {
            c.aload(MEM);
            ld(RSP);
            read();
            c.istore(T0);
            c.aload(MEM);
            ld(RSP);
            c.iconst_1();
            c.iadd();
            read();
            c.bipush(8);
            c.ishl();
            c.iload(T0);
            c.ior();
            c.istore(T0);
            ld(RSP);
            c.iconst_2();
            c.iadd();
            c.ldc(0xFFFF);
            c.iand();
            st(RSP);
        }

        // ---------------------------------------------------------- exits

        /**
         * Leaves for a constant PC after {@code t} more T-states: a {@code goto} when the region
         * holds a basic block there (and the previous instruction left Q = 0) and that block
         * fits the slice, else a block exit through a link slot ({@code k} &ge; 0: the first two
         * distinct targets get slots 0 and 1) or none ({@code k} = -1).
         */
        private void exit(int pc, int t, int k) {
            pc &= 0xFFFF;
            Basic target = region.get(pc);
            if (target != null && !wroteF && k != -2) {
                add(LT, tPend + t);
                add(LN, nPend);
                add(LM, mPend);
                Label leave = c.newLabel();
                c.iload(LT);
                c.loadConstant(target.tMax);
                c.iadd();
                c.iload(ROOM);
                c.if_icmpge(leave);
                c.goto_(labels.get(pc));
                c.labelBinding(leave);
                c.loadConstant(pc);
                c.istore(XPC);
                c.iload(LT);
                c.istore(XT);
                c.iload(LN);
                c.istore(XN);
                c.iload(LM);
                c.istore(XM);
                c.iconst_0();
                c.istore(XQ);
                c.iconst_m1();
                c.istore(XK);
                c.goto_(stub);
                return;
            }
            if (k == -2) {
                k = -1;
            } else if (k >= 0) {
                Integer slot = linkSlots.get(pc);
                if (slot == null && linkSlots.size() < 2) {
                    slot = linkSlots.size();
                    linkSlots.put(pc, slot);
                }
                k = slot == null ? -1 : slot;
            }
            c.loadConstant(pc);
            exitRest(t, k);
        }

        /** local += constant */
        private void add(int local, int v) {
            if (v != 0) {
                c.iinc(local, v);
            }
        }

        /** Pushes a run-time counter plus a constant. */
        private void counter(int local, int v) {
            c.iload(local);
            if (v != 0) {
                c.loadConstant(v);
                c.iadd();
            }
        }

        /** Exit to the PC in T0. */
        private void exitDynamic(int t) {
            c.iload(T0);
            exitRest(t, -1);
        }

        private void exitRest(int t, int k) {
            c.istore(XPC);
            counter(LT, tPend + t);
            c.istore(XT);
            counter(LN, nPend);
            c.istore(XN);
            counter(LM, mPend);
            c.istore(XM);
            c.loadConstant(wroteF ? 1 : 0);
            c.istore(XQ);
            c.loadConstant(k);
            c.istore(XK);
            c.goto_(stub);
        }

        /** After an instruction that accessed memory: leave (to {@code next}) when the recompiler asks. */
        private void checkExit(int next) {
            Label go = c.newLabel();
            c.aload(RC);
            c.getfield(CD_REC, "exitRequest", CD_boolean);
            c.ifeq(go);
            exit(next, 0, -2); // always leaves the method
            c.labelBinding(go);
        }

        /** Branches to {@code ifFalse} unless condition {@code cc} (NZ Z NC C PO PE P M) holds. */
        private void condition(int cc, Label ifFalse) {
            int mask = switch (cc >> 1) {
                case 0 -> FLAG_Z;
                case 1 -> FLAG_C;
                case 2 -> FLAG_PV;
                default -> FLAG_S;
            };
            ld(RF);
            c.loadConstant(mask);
            c.iand();
            if ((cc & 1) == 0) {
                c.ifne(ifFalse);
            } else {
                c.ifeq(ifFalse);
            }
        }

        // ---------------------------------------------------------- instructions

        /**
         * LDI/LDD, and LDIR/LDDR as a loop: each repetition is one instruction (16 T-states for
         * the last, 21 for the others, which rewind PC), leaving the method between repetitions
         * when the recompiler asks or the next repetition would not fit the slice, with PC on
         * the instruction, exactly where the interpreter would stop.
         */
        private void ldi(Insn i) {
            int step = i.a == 0 ? 1 : -1;
            boolean repeat = i.b != 0;
            // counters to run time: the loop adds per repetition
            add(LT, tPend);
            add(LN, nPend - 1);
            add(LM, mPend - i.m1);
            tPend = nPend = mPend = 0;
            Label top = c.newLabel();
            Label done = c.newLabel();
            c.labelBinding(top);
            c.aload(MEM);
            pair(HL);
            read();
            c.istore(T0);
            c.aload(MEM);
            pair(DE);
            c.iload(T0);
            write();
            pair(HL);
            c.loadConstant(step);
            c.iadd();
            setPair(HL);
            pair(DE);
            c.loadConstant(step);
            c.iadd();
            setPair(DE);
            pair(BC);
            c.iconst_m1();
            c.iadd();
            c.ldc(0xFFFF);
            c.iand();
            c.dup();
            c.istore(T1);
            setPair(BC);
            ld(RF);
            c.iload(T0);
            ld(A);
            c.iload(T1);
            c.invokestatic(CD_ALU, "ldiOp", MTD_I4);
            st(RF);
            wroteF = true;
            c.iinc(LN, 1);
            c.iinc(LM, i.m1);
            if (repeat) {
                Label again = c.newLabel();
                c.iload(T1);
                c.ifne(again);
                c.iinc(LT, time(Op.LDI, i.a, i.b, i.m1, false));
                c.goto_(done);
                c.labelBinding(again);
                c.iinc(LT, time(Op.LDI, i.a, i.b, i.m1, true));
                c.loadConstant((i.pc + 1) & 0xFFFF);
                st(RWZ);
                ld(RF);
                c.loadConstant(i.pc);
                c.invokestatic(CD_ALU, "blockRepeatOp", MTD_I2);
                st(RF);
                checkExit(i.pc);
                Label leave = c.newLabel();
                c.iload(LT);
                c.loadConstant(time(Op.LDI, i.a, i.b, i.m1, true));
                c.iadd();
                c.iload(ROOM);
                c.if_icmpge(leave);
                c.goto_(top);
                c.labelBinding(leave);
                exit(i.pc, 0, -2);
                c.labelBinding(done);
            } else {
                c.iinc(LT, time(Op.LDI, i.a, i.b, i.m1, false));
            }
        }

        private void fallback(Insn i, boolean last) {
            storeRegisters();
            c.aload(RC);
            c.loadConstant(i.pc);
            counter(LT, tPend);
            counter(LN, nPend);
            counter(LM, mPend);
            c.loadConstant(wroteF ? 1 : 0);
            c.invokevirtual(CD_REC, "interpret", MTD_INTERPRET);
            loadRegisters();
            tPend = nPend = mPend = 0;
            c.iconst_0();
            c.istore(LT);
            c.iconst_0();
            c.istore(LN);
            c.iconst_0();
            c.istore(LM);
            wroteF = false;
            if (i.ends) {
                c.aload(S);
                c.getfield(CD_STATE, "pc", CD_int);
                c.istore(T0);
                exitDynamic(0);
            } else {
                checkExit(i.next);
                if (last) {
                    exit(i.next, 0, 0);
                }
            }
        }

        private void inline(Insn i, boolean last) {
            int kind = i.kind, a = i.a, b = i.b, next = i.next;
            nPend++;
            mPend += i.m1;
            wroteF = false;
            boolean memory = false;
            switch (kind) {
                case Op.NOP -> {
                }
                case Op.LD_RR_NN -> {
                    c.loadConstant(i.n);
                    setPair(a);
                }
                case Op.ADD_RR -> {
                    pair(a);
                    c.dup();
                    c.iconst_1();
                    c.iadd();
                    c.ldc(0xFFFF);
                    c.iand();
                    st(RWZ);
                    pair(b);
                    ld(RF);
                    c.invokestatic(CD_ALU, "add16Op", MTD_I3);
                    c.dup();
                    c.bipush(16);
                    c.iushr();
                    st(RF);
                    wroteF = true;
                    setPair(a);
                }
                case Op.SBC_HL, Op.ADC_HL -> {
                    pair(HL);
                    c.dup();
                    c.iconst_1();
                    c.iadd();
                    c.ldc(0xFFFF);
                    c.iand();
                    st(RWZ);
                    pair(a);
                    ld(RF);
                    c.invokestatic(CD_ALU, kind == Op.SBC_HL ? "sbc16Op" : "adc16Op", MTD_I3);
                    c.dup();
                    c.bipush(16);
                    c.iushr();
                    st(RF);
                    wroteF = true;
                    setPair(HL);
                }
                case Op.LD_IND_A -> {
                    pair(a);
                    c.istore(T0);
                    c.aload(MEM);
                    c.iload(T0);
                    ld(A);
                    write();
                    ld(A);
                    c.bipush(8);
                    c.ishl();
                    c.iload(T0);
                    c.iconst_1();
                    c.iadd();
                    c.sipush(0xFF);
                    c.iand();
                    c.ior();
                    st(RWZ);
                    memory = true;
                }
                case Op.LD_A_IND -> {
                    pair(a);
                    c.istore(T0);
                    c.aload(MEM);
                    c.iload(T0);
                    read();
                    st(A);
                    c.iload(T0);
                    c.iconst_1();
                    c.iadd();
                    c.ldc(0xFFFF);
                    c.iand();
                    st(RWZ);
                    memory = true;
                }
                case Op.LD_NN_RR -> {
                    pair(a);
                    c.istore(T1);
                    c.aload(MEM);
                    c.loadConstant(i.n);
                    c.iload(T1);
                    write();
                    c.aload(MEM);
                    c.loadConstant(i.n + 1);
                    c.iload(T1);
                    c.bipush(8);
                    c.ishr();
                    write();
                    c.loadConstant((i.n + 1) & 0xFFFF);
                    st(RWZ);
                    memory = true;
                }
                case Op.LD_RR_NNI -> {
                    c.aload(MEM);
                    c.loadConstant(i.n);
                    read();
                    c.aload(MEM);
                    c.loadConstant(i.n + 1);
                    read();
                    c.bipush(8);
                    c.ishl();
                    c.ior();
                    setPair(a);
                    c.loadConstant((i.n + 1) & 0xFFFF);
                    st(RWZ);
                    memory = true;
                }
                case Op.LD_NN_A -> {
                    c.aload(MEM);
                    c.loadConstant(i.n);
                    ld(A);
                    write();
                    ld(A);
                    c.bipush(8);
                    c.ishl();
                    c.loadConstant((i.n + 1) & 0xFF);
                    c.ior();
                    st(RWZ);
                    memory = true;
                }
                case Op.LD_A_NN -> {
                    c.aload(MEM);
                    c.loadConstant(i.n);
                    read();
                    st(A);
                    c.loadConstant((i.n + 1) & 0xFFFF);
                    st(RWZ);
                    memory = true;
                }
                case Op.INC_RR, Op.DEC_RR -> {
                    pair(a);
                    c.loadConstant(kind == Op.INC_RR ? 1 : -1);
                    c.iadd();
                    setPair(a);
                }
                case Op.INC_R, Op.DEC_R -> {
                    ld(a);
                    ld(RF);
                    c.invokestatic(CD_ALU, kind == Op.INC_R ? "incOp" : "decOp", MTD_I2);
                    unpack(a, 8, 0xFF);
                }
                case Op.INC_M, Op.DEC_M -> {
                    ea(a, i.d);
                    c.aload(MEM);
                    c.iload(T0);
                    c.aload(MEM);
                    c.iload(T0);
                    read();
                    ld(RF);
                    c.invokestatic(CD_ALU, kind == Op.INC_M ? "incOp" : "decOp", MTD_I2);
                    c.dup();
                    c.bipush(8);
                    c.iushr();
                    st(RF);
                    wroteF = true;
                    write();
                    memory = true;
                }
                case Op.LD_R_N -> {
                    c.loadConstant(i.n);
                    st(a);
                }
                case Op.LD_M_N -> {
                    ea(a, i.d);
                    c.aload(MEM);
                    c.iload(T0);
                    c.loadConstant(i.n);
                    write();
                    memory = true;
                }
                case Op.RLCA, Op.RRCA, Op.RLA, Op.RRA -> {
                    c.loadConstant(kind - Op.RLCA);
                    ld(A);
                    ld(RF);
                    c.invokestatic(CD_ALU, "rotAOp", MTD_I3);
                    unpack(A, 8, 0xFF);
                }
                case Op.DAA, Op.CPL -> {
                    ld(A);
                    ld(RF);
                    c.invokestatic(CD_ALU, kind == Op.DAA ? "daaOp" : "cplOp", MTD_I2);
                    unpack(A, 8, 0xFF);
                }
                case Op.NEG -> {
                    c.iconst_2();
                    c.iconst_0();
                    ld(A);
                    ld(RF);
                    c.invokestatic(CD_ALU, "aluOp", MTD_I4);
                    unpack(A, 8, 0xFF);
                }
                case Op.DJNZ -> {
                    int target = (next + (byte) i.n) & 0xFFFF;
                    ld(B);
                    c.iconst_m1();
                    c.iadd();
                    c.sipush(0xFF);
                    c.iand();
                    c.dup();
                    st(B);
                    Label notTaken = c.newLabel();
                    c.ifeq(notTaken);
                    c.loadConstant(target);
                    st(RWZ);
                    exit(target, time(kind, a, b, i.m1, true), 0);
                    c.labelBinding(notTaken);
                    exit(next, time(kind, a, b, i.m1, false), 1);
                    return;
                }
                case Op.JR, Op.JP -> {
                    int target = kind == Op.JR ? (next + (byte) i.n) & 0xFFFF : i.n;
                    c.loadConstant(target);
                    st(RWZ);
                    exit(target, time(kind, a, b, i.m1, true), 0);
                    return;
                }
                case Op.JR_CC, Op.JP_CC -> {
                    int target = kind == Op.JR_CC ? (next + (byte) i.n) & 0xFFFF : i.n;
                    if (kind == Op.JP_CC) {
                        c.loadConstant(target);
                        st(RWZ);
                    }
                    Label notTaken = c.newLabel();
                    condition(a, notTaken);
                    if (kind == Op.JR_CC) {
                        c.loadConstant(target);
                        st(RWZ);
                    }
                    exit(target, time(kind, a, b, i.m1, true), 0);
                    c.labelBinding(notTaken);
                    exit(next, time(kind, a, b, i.m1, false), 1);
                    return;
                }
                case Op.CALL, Op.CALL_CC, Op.RST -> {
                    int target = kind == Op.RST ? a * 8 : i.n;
                    Label notTaken = c.newLabel();
                    if (kind == Op.CALL_CC) {
                        c.loadConstant(target);
                        st(RWZ);
                        condition(a, notTaken);
                    }
                    c.loadConstant(next & 0xFFFF);
                    c.istore(T1);
                    push();
                    c.loadConstant(target);
                    st(RWZ);
                    exit(target, time(kind, a, b, i.m1, true), 0);
                    if (kind == Op.CALL_CC) {
                        c.labelBinding(notTaken);
                        exit(next, time(kind, a, b, i.m1, false), 1);
                    }
                    return;
                }
                case Op.RET, Op.RET_CC -> {
                    Label notTaken = c.newLabel();
                    if (kind == Op.RET_CC) {
                        condition(a, notTaken);
                    }
                    pop();
                    c.iload(T0);
                    st(RWZ);
                    exitDynamic(time(kind, a, b, i.m1, true));
                    if (kind == Op.RET_CC) {
                        c.labelBinding(notTaken);
                        exit(next, time(kind, a, b, i.m1, false), 1);
                    }
                    return;
                }
                case Op.JP_RR -> {
                    pair(a);
                    c.istore(T0);
                    exitDynamic(time(kind, a, b, i.m1, true));
                    return;
                }
                case Op.LD_R_R -> {
                    ld(b);
                    st(a);
                }
                case Op.LD_R_M -> {
                    ea(b, i.d);
                    c.aload(MEM);
                    c.iload(T0);
                    read();
                    st(a);
                    memory = true;
                }
                case Op.LD_M_R -> {
                    ea(a, i.d);
                    c.aload(MEM);
                    c.iload(T0);
                    ld(b);
                    write();
                    memory = true;
                }
                case Op.ALU_R, Op.ALU_M, Op.ALU_N -> {
                    if (kind == Op.ALU_M) {
                        ea(b, i.d);
                        memory = true;
                    }
                    c.loadConstant(a);
                    ld(A);
                    if (kind == Op.ALU_R) {
                        ld(b);
                    } else if (kind == Op.ALU_N) {
                        c.loadConstant(i.n);
                    } else {
                        c.aload(MEM);
                        c.iload(T0);
                        read();
                    }
                    ld(RF);
                    c.invokestatic(CD_ALU, "aluOp", MTD_I4);
                    unpack(A, 8, 0xFF);
                }
                case Op.POP -> {
                    pop();
                    c.iload(T0);
                    setPair(a);
                    if (a == AF) {
                        wroteF = false; // POP AF loads F but is not a flag-computing instruction (Q = 0)
                    }
                    memory = true;
                }
                case Op.PUSH -> {
                    pair(a);
                    c.istore(T1);
                    push();
                    memory = true;
                }
                case Op.LD_SP_RR -> {
                    pair(a);
                    st(RSP);
                }
                case Op.EX_DE_HL -> {
                    ld(D);
                    ld(H);
                    st(D);
                    st(H);
                    ld(E);
                    ld(L);
                    st(E);
                    st(L);
                }
                case Op.ROT_R -> {
                    c.loadConstant(a);
                    ld(b);
                    ld(RF);
                    c.invokestatic(CD_ALU, "rotOp", MTD_I3);
                    unpack(b, 8, 0xFF);
                }
                case Op.BIT_R -> {
                    c.loadConstant(a);
                    ld(b);
                    ld(b);
                    ld(RF);
                    c.invokestatic(CD_ALU, "bitOp", MTD_I4);
                    st(RF);
                    wroteF = true;
                }
                case Op.RES_R, Op.SET_R -> {
                    ld(b);
                    if (kind == Op.RES_R) {
                        c.loadConstant(~(1 << a));
                        c.iand();
                    } else {
                        c.loadConstant(1 << a);
                        c.ior();
                    }
                    st(b);
                }
                case Op.ROT_M, Op.RES_M, Op.SET_M -> {
                    pair(HL);
                    c.istore(T0);
                    c.aload(MEM);
                    c.iload(T0);
                    c.aload(MEM);
                    c.iload(T0);
                    read();
                    if (kind == Op.ROT_M) {
                        c.istore(T1);
                        c.loadConstant(a);
                        c.iload(T1);
                        ld(RF);
                        c.invokestatic(CD_ALU, "rotOp", MTD_I3);
                        c.dup();
                        c.bipush(8);
                        c.iushr();
                        st(RF);
                        wroteF = true;
                    } else if (kind == Op.RES_M) {
                        c.loadConstant(~(1 << a));
                        c.iand();
                    } else {
                        c.loadConstant(1 << a);
                        c.ior();
                    }
                    write();
                    memory = true;
                }
                case Op.BIT_M -> {
                    c.loadConstant(a);
                    c.aload(MEM);
                    pair(HL);
                    read();
                    ld(RWZ);
                    c.bipush(8);
                    c.ishr();
                    ld(RF);
                    c.invokestatic(CD_ALU, "bitOp", MTD_I4);
                    st(RF);
                    wroteF = true;
                    memory = true;
                }
                case Op.LDI -> {
                    ldi(i);
                    memory = true;
                }
                default -> throw new IllegalStateException("z80 recompiler: no inline form for operation kind " + kind);
            }
            if (kind != Op.LDI) {
                tPend += time(kind, a, b, i.m1, false); // LDI's loop counted its own
            }
            if (memory) {
                checkExit(next);
            }
            if (last) {
                exit(next, 0, 0);
            }
        }
    }
}
