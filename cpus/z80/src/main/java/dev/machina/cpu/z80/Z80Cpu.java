package dev.machina.cpu.z80;

import dev.machina.core.cpu.Cpu;
import dev.machina.core.cpu.CpuModel;
import dev.machina.core.cpu.Disassembler;
import dev.machina.core.cpu.Engines;
import dev.machina.core.cpu.RegisterView;
import dev.machina.core.memory.AddressSpace;
import dev.machina.core.sched.InterruptLine;
import dev.machina.core.sched.ProgressReporting;
import dev.machina.core.state.StateException;
import dev.machina.core.state.StateReader;
import dev.machina.core.state.StateWriter;
import dev.machina.core.time.Frequency;

import java.util.List;
import java.util.Objects;

/**
 * A Zilog Z80 bound to a 16-bit program space and a 16-bit I/O space (port address on A0..A15:
 * {@code IN A,(n)} drives A on A8..A15, {@code IN r,(C)} drives B). Input lines {@code int}
 * (level-triggered; IM 0 and IM 2 read the data bus through {@link InterruptLine#acknowledge()}:
 * in IM 0 the byte must be an RST instruction, other bytes act as RST 38H)
 * and {@code nmi} (edge-triggered on assertion). {@link #execute} counts T-states of
 * {@link #clock()}. Engines: {@code interpreter} (the reference), {@code recompiler}
 * ({@link Z80Recompiler}: hot blocks translated to JVM bytecode) and {@code lockstep} (the
 * recompiler checked block by block against the interpreter).
 */
public final class Z80Cpu implements Cpu, ProgressReporting {
    private final CpuModel model;
    private final String tag;
    private final Frequency clock;
    private final Z80State state = new Z80State();
    private final InterruptLine intLine = new InterruptLine("int");
    private final InterruptLine nmiLine = new InterruptLine("nmi");
    private final Z80Interpreter interpreter;
    private final Z80Disassembler disassembler;
    private final Z80Registers registers;
    private boolean executing;
    private String engine = Engines.INTERPRETER;
    /** The recompiler engine, made at the first switch to it; null while only the interpreter ran. */
    private Z80Recompiler recompiler;
    /** Whether {@link #execute} and {@link #step} run on {@link #recompiler}. */
    private boolean recompiling;
    private int hotThreshold = Z80Recompiler.HOT_THRESHOLD;

    /**
     * @param program 16-bit memory space
     * @param io      16-bit I/O space
     * @param clock   the T-state clock, e.g. 4 MHz
     * @throws IllegalArgumentException when a space is not 16 bits wide
     */
    public Z80Cpu(CpuModel model, String tag, AddressSpace program, AddressSpace io, Frequency clock) {
        this.model = Objects.requireNonNull(model);
        this.tag = Objects.requireNonNull(tag);
        this.clock = Objects.requireNonNull(clock);
        if (program.addressBits() != 16 || io.addressBits() != 16) {
            throw new IllegalArgumentException("z80: program and I/O spaces must have 16 address bits (got "
                    + program.addressBits() + " and " + io.addressBits() + ")");
        }
        interpreter = new Z80Interpreter(state, program, io, intLine);
        disassembler = new Z80Disassembler(program);
        registers = new Z80Registers(state);
        intLine.setListener((l, asserted) -> {
            interpreter.intAsserted = asserted;
            requestBlockExit();
        });
        nmiLine.setListener((l, asserted) -> {
            if (asserted) {
                interpreter.nmiPending = true;
                requestBlockExit();
            }
        });
        state.reset();
    }

    /** The architectural state (shared by every engine). */
    public Z80State state() {
        return state;
    }

    /** Instructions executed since creation (interrupt entries and halted cycles included). */
    public long instructions() {
        return state.icount;
    }

    /** T-states consumed so far in the current {@link #execute} or {@link #step}. */
    long cyclesInCurrentRun() {
        return interpreter.t;
    }

    @Override
    public CpuModel model() {
        return model;
    }

    @Override
    public String engine() {
        return engine;
    }

    /**
     * Switches to {@code interpreter}, {@code recompiler}, {@code lockstep} or {@code auto} (the
     * recompiler); the state carries over, translations are kept.
     *
     * @throws IllegalArgumentException for another name
     */
    @Override
    public void setEngine(String name) {
        String e = resolveEngine(name);
        if (e.equals(Engines.INTERPRETER)) {
            recompiling = false;
        } else {
            if (recompiler == null) {
                recompiler = new Z80Recompiler(interpreter, hotThreshold, Z80Recompiler.MAX_INSTRUCTIONS);
            }
            recompiler.setLockstep(e.equals(Engines.LOCKSTEP));
            recompiling = true;
        }
        engine = e;
    }

    /**
     * For SingleStepTests: the recompiler translating at first entry with one-instruction blocks,
     * so each {@link #step} runs the instruction as translated code.
     */
    void useSingleInstructionRecompiler() {
        recompiler = new Z80Recompiler(interpreter, 0, 1);
        recompiling = true;
        engine = Engines.RECOMPILER;
    }

    /**
     * How many times the recompiler interprets a block entry before translating the block
     * (default {@value Z80Recompiler#HOT_THRESHOLD}; 0 or 1 translates at first entry, which
     * whole-program tests use to run everything as translated code). Drops existing translations.
     *
     * @param entries &ge; 0
     * @throws IllegalArgumentException when negative
     */
    public void setTranslationThreshold(int entries) {
        if (entries < 0) {
            throw new IllegalArgumentException("z80: translation threshold " + entries + " is negative");
        }
        hotThreshold = entries;
        if (recompiler != null) {
            boolean lockstep = engine.equals(Engines.LOCKSTEP);
            recompiler.flush();
            recompiler = new Z80Recompiler(interpreter, hotThreshold, Z80Recompiler.MAX_INSTRUCTIONS);
            recompiler.setLockstep(lockstep);
        }
    }

    /** Blocks the recompiler has translated so far; 0 while only the interpreter ran. */
    public long translations() {
        return recompiler == null ? 0 : recompiler.translations();
    }

    /** The recompiler, null until an engine other than the interpreter was chosen (for tests). */
    Z80Recompiler recompiler() {
        return recompiler;
    }

    private void requestBlockExit() {
        if (recompiler != null) {
            recompiler.exitRequest = true;
        }
    }

    @Override
    public String tag() {
        return tag;
    }

    @Override
    public Frequency clock() {
        return clock;
    }

    @Override
    public void reset() {
        state.reset();
        interpreter.nmiPending = false;
        if (recompiler != null) {
            recompiler.flush();
        }
    }

    @Override
    public long execute(long cycles) {
        executing = true;
        try {
            return recompiling ? recompiler.execute(cycles) : interpreter.execute(cycles);
        } finally {
            executing = false;
        }
    }

    @Override
    public void stopSlice() {
        interpreter.stopSlice();
        requestBlockExit();
    }

    @Override
    public long sliceProgress() {
        return executing ? interpreter.t : 0;
    }

    @Override
    public long step() {
        return recompiling ? recompiler.step() : interpreter.step();
    }

    @Override
    public RegisterView registers() {
        return registers;
    }

    @Override
    public Disassembler disassembler() {
        return disassembler;
    }

    @Override
    public List<InterruptLine> lines() {
        return List.of(intLine, nmiLine);
    }

    @Override
    public int stateVersion() {
        return 1;
    }

    @Override
    public void saveState(StateWriter out) {
        state.save(out);
        out.bool(interpreter.nmiPending);
    }

    @Override
    public void loadState(StateReader in) throws StateException {
        state.load(in);
        interpreter.nmiPending = in.bool();
        if (recompiler != null) {
            recompiler.flush();
        }
    }
}
