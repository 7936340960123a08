package dev.machina.cpu.arm.a64;

import dev.machina.core.cpu.Cpu;
import dev.machina.core.cpu.CpuModel;
import dev.machina.core.cpu.Disassembler;
import dev.machina.core.cpu.Engines;
import dev.machina.core.cpu.RegisterView;
import dev.machina.core.sched.InterruptLine;
import dev.machina.core.state.StateException;
import dev.machina.core.state.StateReader;
import dev.machina.core.state.StateWriter;
import dev.machina.core.time.Frequency;
import java.util.List;

/**
 * An AArch64 processor executing A64 at EL0 (user mode), interpreted through the
 * {@link DecodeTable}. It owns its architectural state as public fields so the instruction
 * groups' static semantics (and later a recompiler) reach them directly, and works on its own
 * {@link PagedMemory} (a sparse 48-bit space) instead of a core {@code AddressSpace}. Everything
 * above EL0 (system calls, faults, undefined instructions) goes to the {@link Supervisor}.
 *
 * <p>Registers: {@code x[0..30]} general-purpose, {@code x[31]} is always 0 (reads of XZR),
 * {@link #sp} the stack pointer, {@link #pc} the address of the executing instruction and
 * {@link #npc} where execution goes next, the flags N, Z, C, V, 32 SIMD&amp;FP registers of 128
 * bits as {@code vreg[2n]} (bits 63..0) and {@code vreg[2n+1]} (bits 127..64), FPCR, FPSR and
 * TPIDR_EL0. One instruction counts as one cycle of a nominal 1 GHz clock.
 */
public final class A64Cpu implements Cpu {
    /** The model. */
    public static final CpuModel MODEL = new CpuModel("aarch64", "ARMv8.0-A AArch64, A64 at EL0 (Linux user mode)",
            List.of(Engines.INTERPRETER, Engines.LOCKSTEP, Engines.RECOMPILER));
    private static final Frequency CLOCK = Frequency.hz(1_000_000_000L);

    /** General-purpose registers X0..X30; index 31 is the zero register and stays 0. */
    public final long[] x = new long[32];
    /** The stack pointer SP_EL0. */
    public long sp;
    /** Address of the instruction being executed (or the next one, between instructions). */
    public long pc;
    /** Where execution continues after the current instruction; branches write it. */
    public long npc;
    /** Condition flags. */
    public boolean n, z, c, v;
    /** V0..V31, two longs each: {@code vreg[2n]} = bits 63..0, {@code vreg[2n+1]} = bits 127..64. */
    public final long[] vreg = new long[64];
    /** Floating-point control and status registers (AArch64 FPCR, FPSR). */
    public int fpcr, fpsr;
    /** Thread pointer TPIDR_EL0. */
    public long tpidr;
    /** Exclusive monitor: address tagged by the last load-exclusive, or -1 when open. */
    public long exclusiveAddress = -1;
    /** The value the last load-exclusive read (compared by the store-exclusive). */
    public long exclusiveValue, exclusiveValue2;
    /** Instructions retired (cycles of the nominal clock). */
    public long retired;
    /** Scratch registers of the Advanced SIMD semantics (operands, destination, result, TBL table): no allocation per instruction. */
    final long[] simdA = new long[2], simdB = new long[2], simdD = new long[2], simdOut = new long[2];
    final byte[] simdTable = new byte[64];
    /** The memory this CPU executes from. */
    public final PagedMemory memory;

    private final String tag;
    private final DecodeTable table = DecodeTable.a64();
    /**
     * Decode cache per code page (1,024 instruction slots): the word seen and its table row. A
     * slot is trusted only while memory still holds the same word, so stores into code and
     * remapped pages need no invalidation.
     */
    private final java.util.HashMap<Long, Object[]> decodedPages = new java.util.HashMap<>();
    private long decodedPage = -1;
    private int[] decodedWord;
    private Insn.Exec[] decodedExec;
    private Supervisor supervisor;
    private boolean stop;
    /** Set by a store into a page holding translated code; a translated block exits after that store. */
    public boolean codeWritten;
    private String engineName = Engines.INTERPRETER;
    private ExecutionEngine engine;
    /** Interpreted entries of a block address before the recompiler translates it. */
    public static final int DEFAULT_HOT_THRESHOLD = 50;
    /**
     * System property overriding {@link #DEFAULT_HOT_THRESHOLD} for CPUs created afterwards
     * (tests set 1 so every block of a short program is translated and checked).
     */
    public static final String HOT_THRESHOLD_PROPERTY = "machina.a64.hotThreshold";
    private int hotThreshold = Integer.getInteger(HOT_THRESHOLD_PROPERTY, DEFAULT_HOT_THRESHOLD);
    private final A64Registers registerView = new A64Registers(this);

    /**
     * A CPU on {@code memory}.
     *
     * @param tag        device tag, e.g. {@code "maincpu"}
     * @param memory     its address space
     * @param supervisor who takes system calls and faults (may be set later, must be set before running)
     */
    public A64Cpu(String tag, PagedMemory memory, Supervisor supervisor) {
        this.tag = tag;
        this.memory = memory;
        this.supervisor = supervisor;
    }

    /** Sets who takes system calls and faults. */
    public void setSupervisor(Supervisor s) {
        this.supervisor = s;
    }

    @Override
    public CpuModel model() {
        return MODEL;
    }

    @Override
    public String engine() {
        return engineName;
    }

    /**
     * Switches to {@code interpreter}, {@code recompiler} (hot blocks translated to JVM bytecode),
     * {@code lockstep} (every translated block checked against the interpreter) or {@code auto}
     * (the recompiler, {@link #resolveEngine}). The registers carry over; translations are made afresh.
     *
     * @throws IllegalArgumentException for any other name
     */
    @Override
    public void setEngine(String name) {
        String e = resolveEngine(name);
        engine = switch (e) {
            case Engines.INTERPRETER -> null;
            case Engines.RECOMPILER -> new dev.machina.cpu.arm.a64.recomp.A64Recompiler(this, hotThreshold, false);
            case Engines.LOCKSTEP -> new dev.machina.cpu.arm.a64.recomp.A64Recompiler(this, hotThreshold, true);
            default -> throw new IllegalArgumentException(MODEL.name() + " has no engine '" + name + "' (has " + MODEL.engines() + ")");
        };
        engineName = e;
    }

    /**
     * Sets how many interpreted entries make a block hot for the recompiler (1: translate at the
     * first entry, as validation does); takes effect at the next {@link #setEngine}.
     */
    public void setHotThreshold(int entries) {
        hotThreshold = entries;
    }

    /** The running engine other than the interpreter, or null. */
    public ExecutionEngine executionEngine() {
        return engine;
    }

    /** True once {@link #stopSlice()} was called in this slice. */
    public boolean stopRequested() {
        return stop;
    }

    /** Clears a stop request (at the start of a slice). */
    public void clearStop() {
        stop = false;
    }

    @Override
    public String tag() {
        return tag;
    }

    @Override
    public Frequency clock() {
        return CLOCK;
    }

    @Override
    public long execute(long cycles) {
        if (engine != null) {
            return engine.execute(cycles);
        }
        stop = false;
        long done = 0;
        while (done < cycles && !stop) {
            stepOne();
            done++;
        }
        retired += done;
        return done;
    }

    @Override
    public void stopSlice() {
        stop = true;
    }

    @Override
    public long step() {
        stepOne();
        retired++;
        return 1;
    }

    /**
     * Interprets one instruction at {@link #pc} (faults and undefined encodings go to the
     * supervisor) without counting it in {@link #retired}; engines use it for what they do not
     * translate.
     */
    public void interpretOne() {
        stepOne();
    }

    /** What the interpreter does when the instruction at {@code at} faults: the supervisor takes it, execution goes on at {@link #npc}. */
    public void takeFault(long at, MemoryFault f) {
        npc = at;
        supervisor.memoryFault(this, at, f);
        pc = npc;
    }

    /** What the interpreter does for an undefined instruction at {@code at}. */
    public void takeUndefined(long at) {
        int insn;
        try {
            insn = memory.fetch32(at);
        } catch (MemoryFault f) {
            insn = 0;
        }
        npc = at;
        supervisor.undefinedInstruction(this, at, insn);
        pc = npc;
    }

    /** {@code IC IVAU} and the like: tells the engine that code at {@code address} may have changed. */
    void codeMaintenance(long address) {
        if (engine != null) {
            engine.invalidate(address);
        }
    }

    private void stepOne() {
        long at = pc;
        int insn = 0;
        try {
            insn = memory.fetch32(at);
            npc = at + 4;
            if (at >>> PagedMemory.PAGE_BITS != decodedPage) {
                switchDecodedPage(at >>> PagedMemory.PAGE_BITS);
            }
            int slot = (int) (at >>> 2) & 1023;
            Insn.Exec exec = decodedExec[slot];
            if (exec == null || decodedWord[slot] != insn) {
                Insn row = table.lookup(insn);
                if (row == null) {
                    throw Undefined.INSTANCE;
                }
                exec = row.exec();
                decodedExec[slot] = exec;
                decodedWord[slot] = insn;
            }
            exec.exec(this, insn);
        } catch (MemoryFault f) {
            npc = at;
            supervisor.memoryFault(this, at, f);
        } catch (Undefined u) {
            npc = at;
            supervisor.undefinedInstruction(this, at, insn);
        }
        pc = npc;
    }

    /** Copies every register of {@code other} (a forked process's CPU starts as its parent's). */
    public void copyRegistersFrom(A64Cpu other) {
        System.arraycopy(other.x, 0, x, 0, 32);
        System.arraycopy(other.vreg, 0, vreg, 0, 64);
        sp = other.sp;
        pc = other.pc;
        npc = other.npc;
        n = other.n;
        z = other.z;
        c = other.c;
        v = other.v;
        fpcr = other.fpcr;
        fpsr = other.fpsr;
        tpidr = other.tpidr;
    }

    private void switchDecodedPage(long page) {
        Object[] d = decodedPages.computeIfAbsent(page, k -> new Object[] {new int[1024], new Insn.Exec[1024]});
        decodedPage = page;
        decodedWord = (int[]) d[0];
        decodedExec = (Insn.Exec[]) d[1];
    }

    /** Hands an SVC to the supervisor (called by the SVC semantics). */
    public void svc(int imm16) {
        supervisor.supervisorCall(this, imm16);
    }

    /** Hands a BRK to the supervisor. */
    public void brk(int imm16) {
        npc = pc;
        supervisor.breakpoint(this, pc, imm16);
    }

    // ---- register access helpers used by the semantics --------------------------------------

    /** Xn or SP when {@code r == 31}. */
    public long xOrSp(int r) {
        return r == 31 ? sp : x[r];
    }

    /** Writes Xn; a write to register 31 (XZR) is discarded. */
    public void setX(int r, long value) {
        if (r != 31) {
            x[r] = value;
        }
    }

    /** Writes Wn zero-extended; 31 discarded. */
    public void setW(int r, long value) {
        if (r != 31) {
            x[r] = value & 0xffffffffL;
        }
    }

    /** Writes Xn or SP when {@code r == 31}. */
    public void setXOrSp(int r, long value) {
        if (r == 31) {
            sp = value;
        } else {
            x[r] = value;
        }
    }

    /** NZCV packed as in the NZCV system register (bits 31..28). */
    public int nzcv() {
        return (n ? 8 : 0) << 28 | (z ? 4 : 0) << 28 | (c ? 2 : 0) << 28 | (v ? 1 : 0) << 28;
    }

    /** Sets the flags from bits 3..0 = N, Z, C, V. */
    public void setNzcv(int f) {
        n = (f & 8) != 0;
        z = (f & 4) != 0;
        c = (f & 2) != 0;
        v = (f & 1) != 0;
    }

    /** Condition {@code cond} (0..15, Arm ARM "ConditionHolds") against the flags. */
    public boolean condition(int cond) {
        return conditionHolds(cond, n, z, c, v);
    }

    /**
     * ConditionHolds (Arm ARM J1 shared/functions/system/ConditionHolds): condition {@code cond}
     * (0..15; AL and NV hold) against flags {@code n}, {@code z}, {@code c}, {@code v}.
     */
    public static boolean conditionHolds(int cond, boolean n, boolean z, boolean c, boolean v) {
        boolean r = switch (cond >>> 1) {
            case 0 -> z;
            case 1 -> c;
            case 2 -> n;
            case 3 -> v;
            case 4 -> c && !z;
            case 5 -> n == v;
            case 6 -> n == v && !z;
            default -> true;
        };
        return (cond & 1) != 0 && cond != 15 ? !r : r;
    }

    @Override
    public RegisterView registers() {
        return registerView;
    }

    @Override
    public Disassembler disassembler() {
        return new A64Disassembler(memory);
    }

    @Override
    public List<InterruptLine> lines() {
        return List.of();
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(x, 0);
        java.util.Arrays.fill(vreg, 0);
        sp = pc = npc = 0;
        n = z = c = v = false;
        fpcr = fpsr = 0;
        tpidr = 0;
        exclusiveAddress = -1;
    }

    @Override
    public int stateVersion() {
        return 1;
    }

    /** Registers, flags, vector registers and system registers (not the memory, which the machine saves). */
    @Override
    public void saveState(StateWriter out) {
        for (int i = 0; i < 31; i++) {
            out.i64(x[i]);
        }
        out.i64(sp).i64(pc).i32(nzcv()).i32(fpcr).i32(fpsr).i64(tpidr).i64(retired);
        for (long l : vreg) {
            out.i64(l);
        }
    }

    @Override
    public void loadState(StateReader in) throws StateException {
        for (int i = 0; i < 31; i++) {
            x[i] = in.i64();
        }
        sp = in.i64();
        pc = npc = in.i64();
        setNzcv(in.i32() >>> 28);
        fpcr = in.i32();
        fpsr = in.i32();
        tpidr = in.i64();
        retired = in.i64();
        for (int i = 0; i < vreg.length; i++) {
            vreg[i] = in.i64();
        }
        exclusiveAddress = -1;
        if (engine != null) {
            engine.flush();
        }
    }
}
