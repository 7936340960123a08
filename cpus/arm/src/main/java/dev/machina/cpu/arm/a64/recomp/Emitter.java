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
    /** Int local counting the backward jumps inside a region. */
    static final int ITER = REG_BASE + 2 * 32 + 4;
    /** Locals of the shared exit: where to, instructions of the current basic block, link slot. */
    static final int EXIT_TARGET = ITER + 1, EXIT_COUNT = ITER + 3, EXIT_SLOT = ITER + 4;
    /** Backward jumps a region makes before it returns to the dispatcher (budget and stop checks). */
    static final int LOOP_ITERATIONS = 1024;

    final CodeBuilder cb;
    final long blockAddress;
    private boolean[] cached = new boolean[SLOTS];
    private boolean[] dirty = new boolean[SLOTS];
    /** Slots the block ever reads or writes (collected for the loop form). */
    final boolean[] touched = new boolean[SLOTS];
    /** Slots the block ever writes. */
    final boolean[] written = new boolean[SLOTS];
    private boolean[] preloaded = new boolean[SLOTS];
    private boolean[] headDirty = new boolean[SLOTS];
    private final java.util.Map<Long, Label> labels = new java.util.HashMap<>();
    private final List<Stub> stubs = new ArrayList<>();
    /** Address and index of the instruction being translated. */
    long pc;
    int index;
    /** Flags (bit 3..0 = N, Z, C, V) that something after the current instruction may observe. */
    int liveFlagsAfter = 15;
    /** Targets of the linkable direct exits 0 and 1, or -1. */
    long target0 = -1, target1 = -1;

    /**
     * The link slot (0 or 1) of a direct exit to {@code target}, or -1: only targets on the
     * block's page are linked (DESIGN.md: chaining within a page), and a region has two slots,
     * given to the first two such targets.
     */
    int linkSlot(long target) {
        if (target >>> PagedMemory.PAGE_BITS != blockAddress >>> PagedMemory.PAGE_BITS) {
            return -1;
        }
        if (target0 == -1 || target0 == target) {
            target0 = target;
            return 0;
        }
        if (target1 == -1 || target1 == target) {
            target1 = target;
            return 1;
        }
        return -1;
    }

    private record Stub(Label start, Label end, Label handler, long pc, int before, boolean[] dirty, boolean shared) {
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

    /**
     * Prologue of a region: loads every slot the region touches and counts every slot it writes as
     * changed, so that all basic blocks start from the same state (the head state): whichever
     * path led there, registers are in their locals and any exit writes back everything the
     * region may have changed (an unchanged register is written back with its own value).
     */
    void regionPrologue(boolean[] touchedSlots, boolean[] writtenSlots) {
        preloaded = new boolean[SLOTS];
        headDirty = new boolean[SLOTS];
        for (int s = 0; s < SLOTS; s++) {
            if (touchedSlots[s] || writtenSlots[s]) {
                ensure(s);
                preloaded[s] = true;
            }
            headDirty[s] = writtenSlots[s];
        }
        cb.iconst_0().istore(ITER);
    }

    /** Declares the basic blocks of the region (their start addresses) before emission. */
    void declareBlocks(long[] starts) {
        for (long a : starts) {
            labels.put(a, cb.newLabel());
        }
    }

    /** Starts the basic block at {@code start}: binds its label and resets the state to the head state. */
    void enterBlock(long start) {
        cb.labelBinding(labels.get(start));
        cached = preloaded.clone();
        dirty = headDirty.clone();
    }

    /** True when {@code target} starts a basic block of this region (a branch there stays in the method). */
    boolean isInternal(long target) {
        return labels.containsKey(target);
    }

    /**
     * A branch to the basic block at {@code target} of this region: counts the instructions of
     * the path so far, bounds loops ({@link #LOOP_ITERATIONS} backward jumps, then leave through
     * {@code slot} so the dispatcher checks the budget), reloads what a semantics call made stale
     * and jumps. The translation state after it is the state before it.
     */
    void jumpTo(long target, int slot) {
        boolean[] savedCached = cached.clone();
        boolean[] savedDirty = dirty.clone();
        cb.aload(CPU).dup().getfield(CD_CPU, "retired", CD_long).loadConstant((long) executed()).ladd().putfield(CD_CPU, "retired", CD_long);
        if (target <= pc) {
            Label more = cb.newLabel();
            cb.iinc(ITER, 1).iload(ITER).loadConstant(LOOP_ITERATIONS).if_icmplt(more);
            exitTo(target, 0, slot);
            cb.labelBinding(more);
        }
        for (int s = 0; s < SLOTS; s++) {
            if (preloaded[s]) {
                ensure(s);
            }
        }
        cb.goto_(labels.get(target));
        cached = savedCached;
        dirty = savedDirty;
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
        touched[slot] = true;
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
        written[slot] = true;
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
        written[f] = true;
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

    /** Writes back the changed flags and forgets the cached ones (around semantics that read or write only NZCV). */
    void syncFlags() {
        boolean[] flags = new boolean[SLOTS];
        for (int f = N; f <= V; f++) {
            flags[f] = dirty[f];
        }
        spill(flags, true);
        for (int f = N; f <= V; f++) {
            cached[f] = false;
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

    private Label sharedExit;
    private Label sharedStub;

    /**
     * Makes every slot the region writes valid in its local (reloading what a semantics call
     * made stale), so the shared exit may write them all back. Returns the state to restore.
     */
    private boolean[] validateForSharedExit() {
        boolean[] saved = cached.clone();
        for (int s = 0; s < SLOTS; s++) {
            if (headDirty[s]) {
                ensure(s);
            }
        }
        return saved;
    }

    private boolean headDirtyValid() {
        for (int s = 0; s < SLOTS; s++) {
            if (headDirty[s] && !cached[s]) {
                return false;
            }
        }
        return true;
    }

    /** Leaves through the shared exit with the target already in {@link #EXIT_TARGET}. */
    private void gotoSharedExit(int executed, int slot) {
        boolean[] saved = validateForSharedExit();
        boolean[] savedDirty = dirty.clone();
        if (sharedExit == null) {
            sharedExit = cb.newLabel();
        }
        cb.loadConstant(executed).istore(EXIT_COUNT).loadConstant(slot).istore(EXIT_SLOT).goto_(sharedExit);
        cached = saved;
        dirty = savedDirty;
    }

    /** Emits a complete exit to {@code target} after {@code executed} instructions, through link {@code slot} (0, 1 or -1). */
    void exitTo(long target, int executed, int slot) {
        if (preloadedAny()) {
            cb.loadConstant(target).lstore(EXIT_TARGET);
            gotoSharedExit(executed, slot);
            return;
        }
        exitCommon(executed);
        cb.aload(CPU).loadConstant(target).putfield(CD_CPU, "pc", CD_long);
        if (slot < 0) {
            cb.aconst_null().areturn();
        } else {
            cb.aload(THIS).getfield(CD_TB, slot == 0 ? "link0" : "link1", CD_TB).checkcast(CD_BLOCK).areturn();
        }
    }

    private boolean preloadedAny() {
        for (boolean b : headDirty) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    /** Exit to the address in long local {@code tmp}. */
    void exitToLocal(int tmp, int executed) {
        if (preloadedAny()) {
            cb.lload(tmp).lstore(EXIT_TARGET);
            gotoSharedExit(executed, -1);
            return;
        }
        exitCommon(executed);
        cb.aload(CPU).lload(tmp).putfield(CD_CPU, "pc", CD_long);
        cb.aconst_null().areturn();
    }

    /** Exit to {@link A64Cpu#npc} (after semantics that may redirect execution). */
    void exitToNpc(int executed) {
        if (preloadedAny()) {
            cb.aload(CPU).getfield(CD_CPU, "npc", CD_long).lstore(EXIT_TARGET);
            gotoSharedExit(executed, -1);
            return;
        }
        exitCommon(executed);
        cb.aload(CPU).dup().getfield(CD_CPU, "npc", CD_long).putfield(CD_CPU, "pc", CD_long);
        cb.aconst_null().areturn();
    }

    /** Instructions of the current basic block executed up to and including the current one (earlier blocks of the path are already counted). */
    int executed() {
        return index + 1;
    }

    // ---- faults ------------------------------------------------------------------------------

    /** Starts code that may throw: a stub will write back what is changed now and set the PC to this instruction. */
    Label beginFaulting() {
        Label start = cb.newLabel();
        cb.labelBinding(start);
        stubs.add(new Stub(start, null, cb.newLabel(), pc, index, dirty.clone(), preloadedAny() && headDirtyValid()));
        return start;
    }

    /** Ends the code started by {@link #beginFaulting}. */
    void endFaulting(Label start) {
        Label end = cb.newLabel();
        cb.labelBinding(end);
        Stub s = stubs.removeLast();
        stubs.add(new Stub(s.start(), end, s.handler(), s.pc(), s.before(), s.dirty(), s.shared()));
    }

    /** After the body: the fault stubs. */
    void emitStubs() {
        for (Stub s : stubs) {
            cb.exceptionCatchAll(s.start(), s.end(), s.handler());
        }
        for (Stub s : stubs) {
            cb.labelBinding(s.handler());
            cb.astore(EXC);
            if (s.shared()) {
                if (sharedStub == null) {
                    sharedStub = cb.newLabel();
                }
                cb.loadConstant(s.pc()).lstore(EXIT_TARGET).loadConstant(s.before()).istore(EXIT_COUNT).goto_(sharedStub);
                continue;
            }
            spill(s.dirty(), false);
            cb.aload(CPU).loadConstant(s.pc()).putfield(CD_CPU, "pc", CD_long);
            if (s.before() > 0) {
                cb.aload(CPU).dup().getfield(CD_CPU, "retired", CD_long).loadConstant((long) s.before()).ladd().putfield(CD_CPU, "retired", CD_long);
            }
            cb.aload(EXC).athrow();
        }
    }

    /**
     * The shared tails (after the body): the exit writes back every slot the region writes, counts
     * the basic block's instructions, sets the PC and returns the linked successor of the slot;
     * the stub writes back, sets the PC to the faulting instruction, counts the ones before it
     * and rethrows.
     */
    void emitSharedTails() {
        if (sharedExit != null) {
            cb.labelBinding(sharedExit);
            spill(headDirty, false);
            cb.aload(CPU).dup().getfield(CD_CPU, "retired", CD_long).iload(EXIT_COUNT).i2l().ladd().putfield(CD_CPU, "retired", CD_long);
            cb.aload(CPU).lload(EXIT_TARGET).putfield(CD_CPU, "pc", CD_long);
            Label notZero = cb.newLabel();
            Label notOne = cb.newLabel();
            cb.iload(EXIT_SLOT).ifne(notZero);
            cb.aload(THIS).getfield(CD_TB, "link0", CD_TB).checkcast(CD_BLOCK).areturn();
            cb.labelBinding(notZero);
            cb.iload(EXIT_SLOT).iconst_1().if_icmpne(notOne);
            cb.aload(THIS).getfield(CD_TB, "link1", CD_TB).checkcast(CD_BLOCK).areturn();
            cb.labelBinding(notOne);
            cb.aconst_null().areturn();
        }
        if (sharedStub != null) {
            cb.labelBinding(sharedStub);
            spill(headDirty, false);
            cb.aload(CPU).lload(EXIT_TARGET).putfield(CD_CPU, "pc", CD_long);
            cb.aload(CPU).dup().getfield(CD_CPU, "retired", CD_long).iload(EXIT_COUNT).i2l().ladd().putfield(CD_CPU, "retired", CD_long);
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
