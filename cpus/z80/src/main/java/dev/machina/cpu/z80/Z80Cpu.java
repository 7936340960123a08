package dev.machina.cpu.z80;

import dev.machina.core.cpu.Cpu;
import dev.machina.core.cpu.CpuModel;
import dev.machina.core.cpu.Disassembler;
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
 * and {@code nmi} (edge-triggered on assertion). Runs on the interpreter; {@link #execute} counts
 * T-states of {@link #clock()}.
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
        intLine.setListener((l, asserted) -> interpreter.intAsserted = asserted);
        nmiLine.setListener((l, asserted) -> {
            if (asserted) {
                interpreter.nmiPending = true;
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
        return "interpreter";
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
    }

    @Override
    public long execute(long cycles) {
        executing = true;
        try {
            return interpreter.execute(cycles);
        } finally {
            executing = false;
        }
    }

    @Override
    public void stopSlice() {
        interpreter.stopSlice();
    }

    @Override
    public long sliceProgress() {
        return executing ? interpreter.t : 0;
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
    }
}
