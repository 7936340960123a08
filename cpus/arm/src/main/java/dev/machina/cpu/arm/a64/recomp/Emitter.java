package dev.machina.cpu.arm.a64.recomp;

import static java.lang.constant.ConstantDescs.CD_boolean;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;

import dev.machina.core.recomp.TranslatedBlock;
import dev.machina.cpu.arm.a64.A64Cpu;
import dev.machina.cpu.arm.a64.MemoryFault;
import dev.machina.cpu.arm.a64.PagedMemory;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.constant.ClassDesc;
import java.util.ArrayList;
import java.util.List;

/**
 * Code generation state of one block: where each guest register lives (a JVM local, loaded on
 * first use and written back at exits), which locals are newer than the CPU's fields, and the
 * exits and fault stubs. Translation is linear (no joins inside a block), so this state is known
 * exactly at every instruction; code that branches inside one instruction (conditions, selects)
 * loads what it needs before the branch and changes no state inside it.
 *
 * <p>Slots: 0..30 = X0..X30, 31 = SP, 32..35 = N, Z, C, V (ints 0/1).
 */
final class Emitter {
    static final ClassDesc CD_CPU = desc(A64Cpu.class);
    static final ClassDesc CD_MEM = desc(PagedMemory.class);
    static final ClassDesc CD_BLOCK = desc(A64Block.class);
    static final ClassDesc CD_TB = desc(TranslatedBlock.class);
    static final ClassDesc CD_FAULT = desc(MemoryFault.class);
    static final ClassDesc CD_LONGS = CD_long.arrayType();

    static final int SP = 31;
    static final int N = 32, Z = 33, C = 34, V = 35;
    static final int SLOTS = 36;
    private static final String[] FLAG_FIELD = {"n", "z", "c", "v"};

    /** JVM locals: this, cpu, memory, three long temporaries, the exception of a stub, then the registers. */
    static final int THIS = 0, CPU = 1, MEM = 2, TA = 3, TB = 5, TR = 7, EXC = 9, REG_BASE = 10;

    final CodeBuilder cb;
    final long blockAddress;
    private final boolean[] cached = new boolean[SLOTS];
    private final boolean[] dirty = new boolean[SLOTS];
    private final List<Stub> stubs = new ArrayList<>();
    /** Address and index of the instruction being translated. */
    long pc;
    int index;
    /** Flags (bit 3..0 = N, Z, C, V) that something after the current instruction may observe. */
    int liveFlagsAfter = 15;
    /** Targets of the linkable direct exits 0 and 1, or -1. */
    long target0 = -1, target1 = -1;

    private record Stub(Label start, Label end, Label handler, long pc, boolean[] dirty) {
    }

    Emitter(CodeBuilder cb, long blockAddress) {
        this.cb = cb;
        this.blockAddress = blockAddress;
    }

    static ClassDesc desc(Class<?> c) {
        return ClassDesc.of(c.getName());
    }

    static int local(int slot) {
        return slot < N ? REG_BASE + 2 * slot : REG_BASE + 2 * N + (slot - N);
    }

    /** Method prologue: the memory in a local. */
    void prologue() {
        cb.aload(CPU).getfield(CD_CPU, "memory", CD_MEM).astore(MEM);
    }

    // ---- registers ---------------------------------------------------------------------------

    /** Makes sure the local of {@code slot} holds its value (emits the load from the CPU if not). */
    void ensure(int slot) {
        if (cached[slot]) {
            return;
        }
        if (slot < SP) {
            cb.aload(CPU).getfield(CD_CPU, "x", CD_LONGS).loadConstant(slot).laload().lstore(local(slot));
        } else if (slot == SP) {
            cb.aload(CPU).getfield(CD_CPU, "sp", CD_long).lstore(local(slot));
        } else {
            cb.aload(CPU).getfield(CD_CPU, FLAG_FIELD[slot - N], CD_boolean).istore(local(slot));
        }
        cached[slot] = true;
    }

    /** Pushes Xr (long); register 31 reads as zero. */
    void getX(int r) {
        if (r == 31) {
            cb.lconst_0();
            return;
        }
        ensure(r);
        cb.lload(local(r));
    }

    /** Pushes Xr, or SP for 31. */
    void getXsp(int r) {
        ensure(r);
        cb.lload(local(r));
    }

    /** Pops a long into Xr (discarded for 31). */
    void setX(int r) {
        if (r == 31) {
            cb.pop2();
            return;
        }
        store(r);
    }

    /** Pops a long into Xr zero-extended from 32 bits (discarded for 31). */
    void setW(int r) {
        if (r == 31) {
            cb.pop2();
            return;
        }
        cb.loadConstant(0xFFFFFFFFL).land();
        store(r);
    }

    /** Pops a long into Xr, or SP for 31. */
    void setXsp(int r) {
        store(r);
    }

    private void store(int slot) {
        cb.lstore(local(slot));
        cached[slot] = true;
        dirty[slot] = true;
    }

    /** Pushes flag {@code f} (N..V) as int 0/1. */
    void getFlag(int f) {
        ensure(f);
        cb.iload(local(f));
    }

    /** Pops an int 0/1 into flag {@code f}. */
    void setFlag(int f) {
        cb.istore(local(f));
        cached[f] = true;
        dirty[f] = true;
    }

    /** Writes every changed local back to the CPU; with {@code clean} they count as written back afterwards. */
    void spill(boolean[] which, boolean clean) {
        for (int s = 0; s < SLOTS; s++) {
            if (!which[s]) {
                continue;
            }
            if (s < SP) {
                cb.aload(CPU).getfield(CD_CPU, "x", CD_LONGS).loadConstant(s).lload(local(s)).lastore();
            } else if (s == SP) {
                cb.aload(CPU).lload(local(s)).putfield(CD_CPU, "sp", CD_long);
            } else {
                cb.aload(CPU).iload(local(s)).putfield(CD_CPU, FLAG_FIELD[s - N], CD_boolean);
            }
            if (clean) {
                dirty[s] = false;
            }
        }
    }

    /** Writes back everything changed and forgets every cached value (before calling interpreter semantics). */
    void syncAll() {
        spill(dirty, true);
        java.util.Arrays.fill(cached, false);
    }

    // ---- exits -------------------------------------------------------------------------------

    private void exitCommon(int executed) {
        spill(dirty, false);
        cb.aload(CPU).dup().getfield(CD_CPU, "retired", CD_long).loadConstant((long) executed).ladd().putfield(CD_CPU, "retired", CD_long);
    }

    /** Emits a complete exit to {@code target} after {@code executed} instructions, through link {@code slot} (0, 1 or -1). */
    void exitTo(long target, int executed, int slot) {
        exitCommon(executed);
        cb.aload(CPU).loadConstant(target).putfield(CD_CPU, "pc", CD_long);
        if (slot < 0) {
            cb.aconst_null().areturn();
        } else {
            cb.aload(THIS).getfield(CD_TB, slot == 0 ? "link0" : "link1", CD_TB).checkcast(CD_BLOCK).areturn();
        }
    }

    /** Exit to the address in long local {@code tmp}. */
    void exitToLocal(int tmp, int executed) {
        exitCommon(executed);
        cb.aload(CPU).lload(tmp).putfield(CD_CPU, "pc", CD_long);
        cb.aconst_null().areturn();
    }

    /** Exit to {@link A64Cpu#npc} (after semantics that may redirect execution). */
    void exitToNpc(int executed) {
        exitCommon(executed);
        cb.aload(CPU).dup().getfield(CD_CPU, "npc", CD_long).putfield(CD_CPU, "pc", CD_long);
        cb.aconst_null().areturn();
    }

    /** Instructions executed up to and including the current one. */
    int executed() {
        return index + 1;
    }

    // ---- faults ------------------------------------------------------------------------------

    /** Starts code that may throw: a stub will write back what is changed now and set the PC to this instruction. */
    Label beginFaulting() {
        Label start = cb.newLabel();
        cb.labelBinding(start);
        stubs.add(new Stub(start, null, cb.newLabel(), pc, dirty.clone()));
        return start;
    }

    /** Ends the code started by {@link #beginFaulting}. */
    void endFaulting(Label start) {
        Label end = cb.newLabel();
        cb.labelBinding(end);
        Stub s = stubs.removeLast();
        stubs.add(new Stub(s.start(), end, s.handler(), s.pc(), s.dirty()));
    }

    /** After the body: the fault stubs. */
    void emitStubs() {
        for (Stub s : stubs) {
            cb.exceptionCatchAll(s.start(), s.end(), s.handler());
        }
        for (Stub s : stubs) {
            cb.labelBinding(s.handler());
            cb.astore(EXC);
            spill(s.dirty(), false);
            cb.aload(CPU).loadConstant(s.pc()).putfield(CD_CPU, "pc", CD_long);
            cb.aload(EXC).athrow();
        }
    }

    /** After a store: leave the block if it wrote into translated code. */
    void checkCodeWritten() {
        Label go = cb.newLabel();
        cb.aload(CPU).getfield(CD_CPU, "codeWritten", CD_boolean).ifeq(go);
        exitTo(pc + 4, executed(), -1);
        cb.labelBinding(go);
    }

    // ---- conditions --------------------------------------------------------------------------

    /** Loads the flags condition {@code cond} reads (call before any branch). */
    void ensureCondition(int cond) {
        switch (cond >>> 1) {
            case 0 -> ensure(Z);
            case 1 -> ensure(C);
            case 2 -> ensure(N);
            case 3 -> ensure(V);
            case 4 -> {
                ensure(C);
                ensure(Z);
            }
            case 5 -> {
                ensure(N);
                ensure(V);
            }
            case 6 -> {
                ensure(N);
                ensure(V);
                ensure(Z);
            }
            default -> {
            }
        }
    }

    /** Pushes ConditionHolds(cond) as int 0/1 (Arm ARM J1, shared/functions/system/ConditionHolds); flags must be ensured. */
    void condition(int cond) {
        switch (cond >>> 1) {
            case 0 -> cb.iload(local(Z));
            case 1 -> cb.iload(local(C));
            case 2 -> cb.iload(local(N));
            case 3 -> cb.iload(local(V));
            case 4 -> cb.iload(local(C)).iload(local(Z)).iconst_1().ixor().iand();
            case 5 -> cb.iload(local(N)).iload(local(V)).ixor().iconst_1().ixor();
            case 6 -> cb.iload(local(N)).iload(local(V)).ixor().iload(local(Z)).ior().iconst_1().ixor();
            default -> {
                cb.iconst_1();
                return;
            }
        }
        if ((cond & 1) != 0) {
            cb.iconst_1().ixor();
        }
    }

    static boolean[] none() {
        return new boolean[SLOTS];
    }

    static final ClassDesc CD_INT = CD_int;
}
