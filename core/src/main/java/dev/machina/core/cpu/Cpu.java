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
     * The architectural state carries over. Implementations with more than the interpreter
     * override this; {@link #resolveEngine} maps {@code auto} and checks the name.
     *
     * @throws IllegalArgumentException when the model lacks that engine
     */
    default void setEngine(String name) {
        resolveEngine(name);
    }

    /**
     * The engine {@code name} stands for on this CPU's model: {@code auto} is the fastest of
     * {@link CpuModel#engines()} other than {@code lockstep} (a checker, not a way to run fast);
     * any other name must be in the list.
     *
     * @throws IllegalArgumentException when the model lacks that engine
     */
    default String resolveEngine(String name) {
        java.util.List<String> engines = model().engines();
        if (name.equals(Engines.AUTO)) {
            for (int i = engines.size() - 1; i >= 0; i--) {
                if (!engines.get(i).equals(Engines.LOCKSTEP)) {
                    return engines.get(i);
                }
            }
            return Engines.INTERPRETER;
        }
        if (!engines.contains(name)) {
            throw new IllegalArgumentException(model().name() + " has no engine '" + name + "' (has " + engines + ")");
        }
        return name;
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
