package dev.machina.cpu.x86;

import dev.machina.core.cpu.Cpu;
import dev.machina.core.cpu.CpuModel;
import dev.machina.core.cpu.Disassembler;
import dev.machina.core.cpu.RegisterView;
import dev.machina.core.memory.AddressSpace;
import dev.machina.core.sched.InterruptLine;
import dev.machina.core.state.StateException;
import dev.machina.core.state.StateReader;
import dev.machina.core.state.StateWriter;
import dev.machina.core.time.Frequency;

import java.util.List;

/**
 * An 8086 or 8088 on a 20-bit program space and a 16-bit I/O space. Input lines: {@code intr}
 * (level-sensitive, maskable by IF; its {@link InterruptLine#acknowledge()} supplies the vector,
 * as the 8259 does in the INTA cycles) and {@code nmi} (rising-edge, vector 2). Between
 * instructions the CPU takes, in the 8086's order, a pending NMI, then INTR when IF=1; neither is
 * taken right after a segment-register load (MOV sreg, POP sreg). After an instruction that
 * started with TF=1 it takes the single-step trap (vector 1). HLT idles until an interrupt. A
 * REP string instruction yields between iterations to a waiting interrupt or the trap and
 * resumes from its last prefix byte, as the 8086 does.
 *
 * <p>The two models differ in the prefetch queue (6 bytes 8086, 4 bytes 8088: what
 * self-modifying code sees) and in word-transfer time (odd addresses on the 8086, every word on
 * the 8088); bus cycles themselves are not modelled yet.
 */
public final class X86Cpu implements Cpu {
    private final CpuModel model;
    private final String tag;
    private final Frequency clock;
    private final X86State state = new X86State();
    private final Interpreter interp;
    private final InterruptLine intr = new InterruptLine("intr");
    private final InterruptLine nmi = new InterruptLine("nmi");
    private final X86Disassembler disassembler;
    private final X86RegisterView registers;
    private boolean nmiPending;
    private long instructions;

    /**
     * @param model   8086 or 8088
     * @param program the memory space, 20 address bits, little-endian
     * @param io      the I/O port space, 16 address bits
     * @throws IllegalArgumentException when a space has the wrong width
     */
    X86Cpu(CpuModel model, String tag, Frequency clock, AddressSpace program, AddressSpace io) {
        if (program.addressBits() != 20) {
            throw new IllegalArgumentException(model.name() + " needs a 20-bit program space, got " + program.addressBits() + " bits (" + program.name() + ")");
        }
        if (io == null || io.addressBits() != 16) {
            throw new IllegalArgumentException(model.name() + " needs a 16-bit I/O space" + (io == null ? "" : ", got " + io.addressBits() + " bits (" + io.name() + ")"));
        }
        this.model = model;
        this.tag = tag;
        this.clock = clock;
        this.interp = new Interpreter(state, program, io, model.name().equals("8088") ? 4 : 6);
        this.disassembler = new X86Disassembler(program);
        this.registers = new X86RegisterView(state);
        nmi.setListener((line, asserted) -> {
            if (asserted) {
                nmiPending = true;
                interp.nmiWaiting = true;
                interp.attention = true;
            }
        });
        intr.setListener((line, asserted) -> {
            interp.interruptWaiting = asserted;
            if (asserted) {
                interp.attention = true;
            }
        });
        state.reset();
    }

    /** The architectural state (shared by all engines). */
    public X86State state() {
        return state;
    }

    /** Instructions executed since creation. */
    public long instructions() {
        return instructions;
    }

    @Override
    public CpuModel model() {
        return model;
    }

    @Override
    public String engine() {
        return dev.machina.core.cpu.Engines.INTERPRETER;
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
        interp.bus.flushQueue();
        interp.bus.flushCodeCache();
        nmiPending = false;
        interp.inhibit = false;
        interp.interruptWaiting = intr.isAsserted();
        interp.nmiWaiting = false;
    }

    @Override
    public long execute(long cycles) {
        Interpreter in = interp;
        in.stop = false;
        in.bus.flushCodeCache();
        long used = 0;
        while (used < cycles && !in.stop) {
            if (in.needsStep()) {
                used += step();
            } else {
                // runs until the budget, a stop, or something step() must handle
                in.attention = false;
                used += in.run(cycles - used);
                instructions += in.ran;
            }
        }
        return used;
    }

    @Override
    public void stopSlice() {
        interp.stop = true;
        interp.attention = true;
    }

    @Override
    public long step() {
        X86State s = state;
        Interpreter in = interp;
        BusUnit bus = in.bus;
        bus.flushCodeCache(); // CS may have been set from outside since the last instruction
        if (!in.inhibit) {
            if (nmiPending) {
                nmiPending = false;
                long c0 = bus.clocks;
                in.interrupt(2);
                in.nmiWaiting = false;
                return 50 + (bus.clocks - c0 - 51);
            }
            if ((s.flags & X86State.IF) != 0 && intr.isAsserted()) {
                long c0 = bus.clocks;
                in.interrupt(intr.acknowledge());
                return 61 + (bus.clocks - c0 - 51);
            }
        }
        if (s.halted) {
            return 2;
        }
        in.inhibit = false;
        boolean trap = (s.flags & X86State.TF) != 0;
        long c = in.run(1); // exactly one instruction
        instructions++;
        if (trap && !in.inhibit) {
            long c0 = bus.clocks;
            in.interrupt(1);
            c += 50 + (bus.clocks - c0 - 51);
        }
        return c;
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
        return List.of(intr, nmi);
    }

    @Override
    public int stateVersion() {
        return 1;
    }

    @Override
    public void saveState(StateWriter out) {
        for (int v : state.r) {
            out.i32(v);
        }
        for (int v : state.sr) {
            out.u16(v);
        }
        out.u16(state.ip).u16(state.flags).bool(state.halted).bool(nmiPending).bool(interp.inhibit).i64(instructions);
    }

    @Override
    public void loadState(StateReader in) throws StateException {
        int[] r = new int[8];
        for (int i = 0; i < 8; i++) {
            r[i] = in.i32();
        }
        int[] sr = new int[4];
        for (int i = 0; i < 4; i++) {
            sr[i] = in.u16();
        }
        int ip = in.u16();
        int flags = in.u16();
        boolean halted = in.bool();
        boolean np = in.bool();
        boolean inh = in.bool();
        long n = in.i64();
        in.expectEnd();
        System.arraycopy(r, 0, state.r, 0, 8);
        System.arraycopy(sr, 0, state.sr, 0, 4);
        state.ip = ip;
        state.loadFlags8086(flags);
        state.halted = halted;
        nmiPending = np;
        interp.inhibit = inh;
        instructions = n;
        interp.bus.flushQueue();
        interp.bus.flushCodeCache();
        interp.interruptWaiting = intr.isAsserted();
        interp.nmiWaiting = nmiPending;
    }
}
