package dev.machina.core.cpu;

import dev.machina.core.sched.ExecutableDevice;
import dev.machina.core.sched.InterruptLine;
import dev.machina.core.state.Stateful;

import java.util.List;

/**
 * A CPU created by a {@link CpuFamily}: one architectural state shared by its engines, run by the
 * scheduler through {@link #execute}. Machines never depend on which engine runs.
 */
public interface Cpu extends ExecutableDevice, Stateful {

    /** The model this CPU emulates. */
    CpuModel model();

    /** The engine now running, one of {@link CpuModel#engines()}. */
    String engine();

    /**
     * Switches to engine {@code name} ({@link Engines}); {@code auto} picks the fastest available.
     * The architectural state carries over.
     *
     * @throws IllegalArgumentException when the model lacks that engine
     */
    default void setEngine(String name) {
        if (!name.equals(Engines.INTERPRETER) && !name.equals(Engines.AUTO)) {
            throw new IllegalArgumentException(model().name() + " has no engine '" + name + "' (has " + model().engines() + ")");
        }
    }

    /**
     * Executes exactly one instruction (or one interrupt entry, or one idle step while halted).
     *
     * @return cycles it took
     */
    long step();

    /** The register view. */
    RegisterView registers();

    /** A disassembler reading this CPU's program space. */
    Disassembler disassembler();

    /** The CPU's input lines (IRQ, NMI, INTR, ...), by their datasheet names in lower case. */
    List<InterruptLine> lines();

    /**
     * The input line named {@code name}.
     *
     * @throws IllegalArgumentException when the CPU has no such line
     */
    default InterruptLine line(String name) {
        for (InterruptLine l : lines()) {
            if (l.name().equals(name)) {
                return l;
            }
        }
        throw new IllegalArgumentException(model().name() + " has no input line '" + name + "'");
    }
}
