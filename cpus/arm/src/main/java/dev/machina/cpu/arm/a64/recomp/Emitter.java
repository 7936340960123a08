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
import java.lang.classfile.Opcode;
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
 * <p>NZCV is lazy: a flag-setting instruction keeps its kind and operands ({@link LazyFlags})
 * instead of computing the four flags; a condition right after a compare becomes the compare of
 * its operands ({@link #branchUnless}); exits, fault stubs and semantics calls write the flags
 * derived from the operands to the CPU; anything else that reads a flag computes all four into
 * their locals first. A basic block that sets NZCV before it reads or exposes it is entered with
 * the kind in {@link #LAZY_KIND}, so the flags of a loop's compare are computed only when a fault
 * or an exit sees them.
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
    /**
     * Locals of the lazy flags ({@link LazyFlags}): the kind (int, 0 = the flags are in their
     * locals) as a basic block passes it to a successor that starts with {@link #FLAGS_PASSED}
     * or to a shared tail, and the operands (longs).
     */
    static final int LAZY_KIND = EXIT_SLOT + 1, LAZY_A = LAZY_KIND + 1, LAZY_B = LAZY_A + 2, LAZY_R = LAZY_B + 2;
    /**
     * Locals of the inline read path: the address (long) and translation cache index (int) of
     * the load being made, and the memory's read cache arrays ({@link PagedMemory#readTags},
     * {@link PagedMemory#readPages}), loaded once by the prologue.
     */
    static final int LOAD_ADDRESS = LAZY_R + 2, LOAD_INDEX = LOAD_ADDRESS + 2, READ_TAGS = LOAD_INDEX + 1, READ_PAGES = READ_TAGS + 1;
    /** The same for stores: the write cache arrays ({@link PagedMemory#writeTags}, {@link PagedMemory#writePages}) and the value stored (long). */
    static final int WRITE_TAGS = READ_PAGES + 1, WRITE_PAGES = WRITE_TAGS + 1, STORE_VALUE = WRITE_PAGES + 1;
    /** Flag state: NZCV in the flag locals (or the CPU, where not cached). */
    static final int FLAGS_IN_LOCALS = 0;
    /** Flag state: as {@link #LAZY_KIND} says (a basic block entered from predecessors that pass lazy flags). */
    static final int FLAGS_PASSED = -1;
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
    /** Basic blocks entered in state {@link #FLAGS_PASSED}. */
    private java.util.Set<Long> flagsPassedTo = java.util.Set.of();
    /**
     * Where NZCV is now: {@link #FLAGS_IN_LOCALS}, a {@link LazyFlags} kind 1..8 (operands in
     * the lazy locals, known here), or {@link #FLAGS_PASSED}.
     */
    private int flagState = FLAGS_IN_LOCALS;
    private final List<Stub> stubs = new ArrayList<>();
    /** Address and index of the instruction being translated. */
    long pc;
    int index;
    /** Whether something after the current instruction may observe NZCV: 15 (all four) or 0. */
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

    private record Stub(Label start, Label end, Label handler, long pc, int before, boolean[] dirty, boolean shared, int flags) {
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

    /** Method prologue: the memory and its read cache arrays in locals. */
    void prologue() {
        cb.aload(CPU).getfield(CD_CPU, "memory", CD_MEM).astore(MEM);
        cb.aload(MEM).invokevirtual(CD_MEM, "readTags", java.lang.constant.MethodTypeDesc.of(CD_long.arrayType())).astore(READ_TAGS);
        cb.aload(MEM).invokevirtual(CD_MEM, "readPages", PAGES).astore(READ_PAGES);
        cb.aload(MEM).invokevirtual(CD_MEM, "writeTags", java.lang.constant.MethodTypeDesc.of(CD_long.arrayType())).astore(WRITE_TAGS);
        cb.aload(MEM).invokevirtual(CD_MEM, "writePages", PAGES).astore(WRITE_PAGES);
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
        cb.iconst_0().istore(LAZY_KIND).lconst_0().lstore(LAZY_A).lconst_0().lstore(LAZY_B).lconst_0().lstore(LAZY_R);
    }

    /**
     * Declares the basic blocks of the region (their start addresses) before emission, and those
     * of them that are entered with the flags as {@link #LAZY_KIND} says.
     */
    void declareBlocks(long[] starts, java.util.Set<Long> passed) {
        for (long a : starts) {
            labels.put(a, cb.newLabel());
        }
        flagsPassedTo = passed;
    }

    /** Starts the basic block at {@code start}: binds its label and resets the state to the head state. */
    void enterBlock(long start) {
        cb.labelBinding(labels.get(start));
        cached = preloaded.clone();
        dirty = headDirty.clone();
        flagState = flagsPassedTo.contains(start) ? FLAGS_PASSED : FLAGS_IN_LOCALS;
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
        int savedFlags = flagState;
        cb.aload(CPU).dup().getfield(CD_CPU, "retired", CD_long).loadConstant((long) executed()).ladd().putfield(CD_CPU, "retired", CD_long);
        if (target <= pc) {
            Label more = cb.newLabel();
            cb.iinc(ITER, 1).iload(ITER).loadConstant(LOOP_ITERATIONS).if_icmplt(more);
            exitTo(target, 0, slot);
            cb.labelBinding(more);
        }
        if (flagsPassedTo.contains(target)) {
            passFlags();
        } else {
            flagsToLocals();
        }
        for (int s = 0; s < SLOTS; s++) {
            if (preloaded[s] && !pendingFlag(s)) {
                ensure(s);
            }
        }
        cb.goto_(labels.get(target));
        cached = savedCached;
        dirty = savedDirty;
        flagState = savedFlags;
    }

    // ---- registers ---------------------------------------------------------------------------

    /**
     * Makes sure the local of {@code slot} holds its value (emits the load from the CPU if not);
     * for a flag, first computes lazy flags into their locals.
     */
    void ensure(int slot) {
        if (slot >= N && flagState != FLAGS_IN_LOCALS) {
            flagsToLocals();
        }
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
        storeLazyFlags(flagState);
        flagState = FLAGS_IN_LOCALS;
        for (int f = N; f <= V; f++) {
            cached[f] = false;
        }
    }

    /** Writes back everything changed and forgets every cached value (before calling interpreter semantics). */
    void syncAll() {
        spill(dirty, true);
        storeLazyFlags(flagState);
        flagState = FLAGS_IN_LOCALS;
        java.util.Arrays.fill(cached, false);
    }

    // ---- lazy flags --------------------------------------------------------------------------

    /** True when {@code slot} is a flag whose value is lazy (its local is not up to date). */
    private boolean pendingFlag(int slot) {
        return slot >= N && flagState != FLAGS_IN_LOCALS;
    }

    /**
     * Ends a flag-setting instruction without computing NZCV: its operands are in TA and TB
     * (and the sum in TR for the ADC kinds; only the result in TR for the logical ones), of
     * which the lazy locals keep what {@code kind} needs.
     */
    void setFlagsLazily(int kind) {
        switch (kind) {
            case LazyFlags.LOGIC64, LazyFlags.LOGIC32 -> cb.lload(TR).lstore(LAZY_R);
            case LazyFlags.ADC64, LazyFlags.ADC32 -> cb.lload(TA).lstore(LAZY_A).lload(TB).lstore(LAZY_B).lload(TR).lstore(LAZY_R);
            default -> cb.lload(TA).lstore(LAZY_A).lload(TB).lstore(LAZY_B);
        }
        flagState = kind;
        // the flag locals are stale: cached so that nothing reloads them, not dirty so that
        // nothing writes them back (storeLazyFlags writes the CPU's flags instead)
        for (int f = N; f <= V; f++) {
            cached[f] = true;
            dirty[f] = false;
            written[f] = true;
        }
    }

    /** The lazy flags of the current state in their locals (state {@link #FLAGS_IN_LOCALS} afterwards). */
    void flagsToLocals() {
        int state = flagState;
        if (state == FLAGS_IN_LOCALS) {
            return;
        }
        flagState = FLAGS_IN_LOCALS;
        Label done = null;
        if (state == FLAGS_PASSED) {
            for (int f = N; f <= V; f++) {
                ensure(f);
            }
            done = cb.newLabel();
            cb.iload(LAZY_KIND).ifeq(done).iload(LAZY_KIND);
        } else {
            cb.loadConstant(state);
        }
        cb.lload(LAZY_A).lload(LAZY_B).lload(LAZY_R).invokestatic(CD_LAZY, "nzcv", NZCV);
        for (int f = N; f < V; f++) {
            cb.dup().loadConstant(V - f).iushr().iconst_1().iand().istore(local(f));
        }
        cb.iconst_1().iand().istore(local(V));
        if (done != null) {
            cb.labelBinding(done);
        }
        for (int f = N; f <= V; f++) {
            cached[f] = true;
            dirty[f] = true;
            written[f] = true;
        }
    }

    /** Writes the flags of lazy state {@code state} to the CPU (after the locals have been written back). */
    private void storeLazyFlags(int state) {
        if (state == FLAGS_IN_LOCALS) {
            return;
        }
        cb.aload(CPU);
        if (state == FLAGS_PASSED) {
            cb.iload(LAZY_KIND);
        } else {
            cb.loadConstant(state);
        }
        cb.lload(LAZY_A).lload(LAZY_B).lload(LAZY_R).invokestatic(CD_LAZY, "store", STORE);
    }

    /** Sets {@link #LAZY_KIND} to the current state for a successor or shared tail that reads it. */
    private void passFlags() {
        if (flagState != FLAGS_PASSED) {
            cb.loadConstant(flagState).istore(LAZY_KIND);
        }
    }

    // ---- exits -------------------------------------------------------------------------------

    private void exitCommon(int executed) {
        spill(dirty, false);
        storeLazyFlags(flagState);
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
            if (headDirty[s] && !pendingFlag(s)) {
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
        passFlags();
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
        stubs.add(new Stub(start, null, cb.newLabel(), pc, index, dirty.clone(), preloadedAny() && headDirtyValid(), flagState));
        return start;
    }

    /** Ends the code started by {@link #beginFaulting}. */
    void endFaulting(Label start) {
        Label end = cb.newLabel();
        cb.labelBinding(end);
        Stub s = stubs.removeLast();
        stubs.add(new Stub(s.start(), end, s.handler(), s.pc(), s.before(), s.dirty(), s.shared(), s.flags()));
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
                if (s.flags() != FLAGS_PASSED) {
                    cb.loadConstant(s.flags()).istore(LAZY_KIND);
                }
                cb.loadConstant(s.pc()).lstore(EXIT_TARGET).loadConstant(s.before()).istore(EXIT_COUNT).goto_(sharedStub);
                continue;
            }
            spill(s.dirty(), false);
            storeLazyFlags(s.flags());
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
            storeLazyFlags(FLAGS_PASSED);
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
            storeLazyFlags(FLAGS_PASSED);
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

    /** Loads the flags condition {@code cond} reads (call before any branch); lazy flags stay lazy. */
    void ensureCondition(int cond) {
        if (flagState > 0) {
            return;
        }
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

    /**
     * Pushes ConditionHolds(cond) as int 0/1 (Arm ARM J1, shared/functions/system/ConditionHolds);
     * flags must be ensured ({@link #ensureCondition}).
     */
    void condition(int cond) {
        if (flagState > 0) {
            cb.loadConstant(cond).loadConstant(flagState).lload(LAZY_A).lload(LAZY_B).lload(LAZY_R)
                    .invokestatic(CD_LAZY, "nzcv", NZCV).invokestatic(CD_LAZY, "holds", HOLDS);
            return;
        }
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

    /**
     * Branches to {@code otherwise} unless ConditionHolds(cond); flags must be ensured
     * ({@link #ensureCondition}). With lazy flags of a compare, the condition is the compare of
     * its operands itself (EQ: a == b, HS: a >= b unsigned, GE: a >= b signed, ...), and EQ, NE,
     * MI and PL of any kind test the result.
     */
    void branchUnless(int cond, Label otherwise) {
        int kind = flagState;
        if (kind > 0 && (cond >>> 1) != 7) {
            if (fusedBranch(kind, cond, otherwise)) {
                return;
            }
        }
        condition(cond);
        cb.ifeq(otherwise);
    }

    /** The compare-and-branch forms of {@link #branchUnless} for lazy flags; false when {@code cond} has none for {@code kind}. */
    private boolean fusedBranch(int kind, int cond, Label otherwise) {
        boolean narrow = LazyFlags.narrow(kind);
        boolean sub = kind == LazyFlags.SUB64 || kind == LazyFlags.SUB32;
        int base = cond >>> 1;
        if (sub && base != 2 && base != 3) {
            // EQ/NE, HS/LO, HI/LS, GE/LT, GT/LE: compare a with b
            boolean signed = base >= 5;
            Opcode op = switch (cond) {
                case 0 -> Opcode.IFNE;    // EQ holds when equal: leave when not
                case 1 -> Opcode.IFEQ;
                case 2, 10 -> Opcode.IFLT; // HS, GE: leave when below
                case 3, 11 -> Opcode.IFGE;
                case 8, 12 -> Opcode.IFLE; // HI, GT
                default -> Opcode.IFGT;     // LS, LE
            };
            if (narrow && signed) {
                cb.lload(LAZY_A).l2i().lload(LAZY_B).l2i().branch(intCompare(op), otherwise);
                return true;
            }
            if (!narrow && !signed && base != 0) {
                // unsigned 64-bit: both biased by 2^63, then a signed compare
                cb.lload(LAZY_A).loadConstant(Long.MIN_VALUE).ladd().lload(LAZY_B).loadConstant(Long.MIN_VALUE).ladd().lcmp();
            } else {
                // zero-extended 32-bit operands compare as unsigned by lcmp
                cb.lload(LAZY_A).lload(LAZY_B).lcmp();
            }
            cb.branch(op, otherwise);
            return true;
        }
        boolean logic = kind == LazyFlags.LOGIC64 || kind == LazyFlags.LOGIC32;
        if (!(base == 0 || base == 2 || logic && (base == 5 || base == 6))) {
            return false;
        }
        // EQ/NE, MI/PL (and GE/LT, GT/LE of a logical result, where V = 0) test the result
        pushLazyResult(kind);
        if (narrow) {
            cb.l2i();
        } else {
            cb.lconst_0().lcmp();
        }
        Opcode op = switch (cond) {
            case 0 -> Opcode.IFNE;
            case 1 -> Opcode.IFEQ;
            case 4, 11 -> Opcode.IFGE; // MI, LT: N set (V = 0): leave when not negative
            case 5, 10 -> Opcode.IFLT; // PL, GE
            case 12 -> Opcode.IFLE;    // GT: positive
            case 13 -> Opcode.IFGT;    // LE
            default -> null;
        };
        if (op == null) {
            throw new IllegalStateException("no fused branch for condition " + cond);
        }
        cb.branch(op, otherwise);
        return true;
    }

    /** The two-int compare-and-branch of a compare-with-zero opcode. */
    private static Opcode intCompare(Opcode op) {
        return switch (op) {
            case IFEQ -> Opcode.IF_ICMPEQ;
            case IFNE -> Opcode.IF_ICMPNE;
            case IFLT -> Opcode.IF_ICMPLT;
            case IFGE -> Opcode.IF_ICMPGE;
            case IFGT -> Opcode.IF_ICMPGT;
            case IFLE -> Opcode.IF_ICMPLE;
            default -> throw new IllegalArgumentException(op.toString());
        };
    }

    /** Pushes the result (long; for 32-bit kinds its low 32 bits are the result) of the lazy flags' instruction. */
    private void pushLazyResult(int kind) {
        switch (kind) {
            case LazyFlags.ADD64, LazyFlags.ADD32 -> cb.lload(LAZY_A).lload(LAZY_B).ladd();
            case LazyFlags.SUB64, LazyFlags.SUB32 -> cb.lload(LAZY_A).lload(LAZY_B).lsub();
            default -> cb.lload(LAZY_R);
        }
    }

    static boolean[] none() {
        return new boolean[SLOTS];
    }

    static final ClassDesc CD_INT = CD_int;
    private static final ClassDesc CD_LAZY = desc(LazyFlags.class);
    private static final java.lang.constant.MethodTypeDesc PAGES = java.lang.constant.MethodTypeDesc.of(java.lang.constant.ConstantDescs.CD_byte.arrayType(2));
    private static final java.lang.constant.MethodTypeDesc NZCV = java.lang.constant.MethodTypeDesc.of(CD_int, CD_int, CD_long, CD_long, CD_long);
    private static final java.lang.constant.MethodTypeDesc STORE = java.lang.constant.MethodTypeDesc.of(java.lang.constant.ConstantDescs.CD_void, CD_CPU, CD_int, CD_long, CD_long, CD_long);
    private static final java.lang.constant.MethodTypeDesc HOLDS = java.lang.constant.MethodTypeDesc.of(CD_int, CD_int, CD_int);

}
