package dev.machina.cpu.m6502;

import dev.machina.core.cpu.Cpu;
import dev.machina.core.cpu.CpuModel;
import dev.machina.core.cpu.Disassembler;
import dev.machina.core.cpu.Engines;
import dev.machina.core.cpu.RegisterView;
import dev.machina.core.memory.AddressSpace;
import dev.machina.core.sched.InterruptLine;
import dev.machina.core.state.StateException;
import dev.machina.core.state.StateReader;
import dev.machina.core.state.StateWriter;
import dev.machina.core.time.Frequency;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Objects;

/**
 * A 6502 family CPU as a machine device: the architectural {@link M6502State}, the
 * {@link M6502Interpreter} engine, the input lines {@code nmi} (edge), {@code irq} (level) and
 * {@code reset} (held low while asserted; releasing it runs the reset sequence), a register
 * view, a disassembler and save states.
 *
 * <p>A new CPU is in its power-on state (A, X, Y, S = 0, I set) and runs the 7-cycle reset
 * sequence, fetching the vector at $FFFC, before its first instruction (so S ends at $FD);
 * {@link #reset()} requests that sequence again. Setting {@code pc} through the register view
 * drops a pending reset sequence. The default clock is 1 MHz ({@link #setClock} for machines,
 * e.g. 1.789773 MHz for the NTSC 2A03).
 */
public final class M6502 implements Cpu {
    private final CpuModel model;
    private final String tag;
    private final AddressSpace program;
    private final M6502State state = new M6502State();
    private final M6502Interpreter interpreter;
    private final Variant variant;
    private M6502Recompiler recompiler;
    private M6502Lockstep lockstep;
    private String engine = Engines.INTERPRETER;
    private int engineKind;     // 0 interpreter, 1 recompiler, 2 lockstep
    private final InterruptLine nmi = new InterruptLine("nmi");
    private final InterruptLine irq = new InterruptLine("irq");
    private final InterruptLine resetLine = new InterruptLine("reset");
    private final List<InterruptLine> lines = List.of(nmi, irq, resetLine);
    private final M6502Registers registers;
    private final M6502Disassembler disassembler;
    private Frequency clock = Frequency.hz(1_000_000);

    /**
     * @param model   the model descriptor
     * @param variant which family member
     * @param tag     device tag
     * @param program the 16-bit program space
     * @throws IllegalArgumentException when {@code program} is not 16 bits wide
     */
    public M6502(CpuModel model, Variant variant, String tag, AddressSpace program) {
        if (program.addressBits() != 16) {
            throw new IllegalArgumentException(variant.modelName() + ": program space must be 16 bits wide, " + program.name()
                    + " has " + program.addressBits());
        }
        this.model = Objects.requireNonNull(model);
        this.tag = Objects.requireNonNull(tag);
        this.program = program;
        this.variant = variant;
        this.interpreter = new M6502Interpreter(state, program, variant);
        this.registers = new M6502Registers(state, interpreter);
        this.disassembler = new M6502Disassembler(variant, a -> peek(program, a));
        state.i = true;
        state.z = 1;
        nmi.setListener((l, asserted) -> interpreter.nmiChanged(asserted));
        irq.setListener((l, asserted) -> interpreter.irqChanged(asserted));
        resetLine.setListener((l, asserted) -> interpreter.resetChanged(asserted));
        interpreter.requestReset();
    }

    /**
     * Reads a byte without side effects: direct (RAM/ROM) pages from their segment, handler
     * pages as the open-bus value, since reading an I/O register can change the device.
     */
    static int peek(AddressSpace space, int address) {
        MemorySegment segment = space.directReadSegment(address);
        return segment == null ? space.openBus() : segment.get(ValueLayout.JAVA_BYTE, space.directReadOffset(address)) & 0xFF;
    }

    /** The architectural state (registers and flags), shared by every engine. */
    public M6502State state() {
        return state;
    }

    /** The interpreter engine. */
    public M6502Interpreter interpreter() {
        return interpreter;
    }

    /** The program space this CPU is bound to. */
    public AddressSpace program() {
        return program;
    }

    /** Installs (or with null removes) a hook called before every bus cycle; see {@link BusCycleHook}. */
    public void setBusCycleHook(BusCycleHook hook) {
        interpreter.setBusCycleHook(hook);
    }

    /** Sets the clock that {@link #execute} counts cycles of. */
    public void setClock(Frequency clock) {
        this.clock = Objects.requireNonNull(clock);
    }

    /** Clock cycles executed since creation. */
    public long cycles() {
        return interpreter.cycles();
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
     * Selects the engine {@link #execute} runs: {@code interpreter}, {@code recompiler},
     * {@code lockstep} (every block on both engines, compared) or {@code auto} (the recompiler).
     * {@link #step()} always interprets one instruction.
     *
     * @throws IllegalArgumentException for an engine the model lacks, or {@code lockstep} while a
     *                                  {@link BusCycleHook} is installed
     */
    @Override
    public void setEngine(String name) {
        String e = resolveEngine(name);
        if (e.equals(Engines.LOCKSTEP) && interpreter.hook() != null) {
            throw new IllegalArgumentException(model.name() + ": the lockstep engine cannot run with a bus cycle hook installed"
                    + " (the devices would see every block's accesses twice); use interpreter or recompiler");
        }
        if (e.equals(Engines.RECOMPILER) || e.equals(Engines.LOCKSTEP)) {
            recompiler();
        }
        if (e.equals(Engines.LOCKSTEP) && lockstep == null) {
            lockstep = new M6502Lockstep(this, recompiler);
        }
        engine = e;
        engineKind = e.equals(Engines.RECOMPILER) ? 1 : e.equals(Engines.LOCKSTEP) ? 2 : 0;
    }

    /**
     * The recompiler engine (created on first use with the default tier-up threshold; creating
     * it installs the program space's write watcher).
     */
    public M6502Recompiler recompiler() {
        if (recompiler == null) {
            recompiler = new M6502Recompiler(interpreter, variant, M6502Recompiler.HOT_THRESHOLD);
        }
        return recompiler;
    }

    /** Creates the recompiler with tier-up threshold {@code hotThreshold} (0: translate at once); for tests. */
    M6502Recompiler recompiler(int hotThreshold) {
        if (recompiler == null) {
            recompiler = new M6502Recompiler(interpreter, variant, hotThreshold);
        }
        return recompiler;
    }

    @Override
    public long step() {
        return interpreter.step();
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
        return lines;
    }

    @Override
    public String tag() {
        return tag;
    }

    /** Requests the RESET sequence (7 cycles, vector $FFFC), run at the start of the next step. */
    @Override
    public void reset() {
        interpreter.requestReset();
    }

    @Override
    public Frequency clock() {
        return clock;
    }

    @Override
    public long execute(long cycles) {
        M6502Interpreter in = interpreter;
        long start = in.cycles();
        switch (engineKind) {
            case 1 -> recompiler.run(start + cycles);
            case 2 -> lockstep.run(start + cycles);
            default -> in.run(start + cycles);
        }
        return in.cycles() - start;
    }

    @Override
    public void stopSlice() {
        interpreter.stop();
    }

    @Override
    public int stateVersion() {
        return 1;
    }

    @Override
    public void saveState(StateWriter out) {
        out.u8(state.a).u8(state.x).u8(state.y).u8(state.s).u8(state.p()).u16(state.pc);
        interpreter.save(out);
    }

    @Override
    public void loadState(StateReader in) throws StateException {
        state.a = in.u8();
        state.x = in.u8();
        state.y = in.u8();
        state.s = in.u8();
        state.setP(in.u8());
        state.pc = in.u16();
        interpreter.load(in);
        if (recompiler != null) {
            recompiler.flush();
        }
    }
}
