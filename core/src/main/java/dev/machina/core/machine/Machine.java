package dev.machina.core.machine;

import dev.machina.core.device.Device;
import dev.machina.core.sched.Scheduler;

import java.util.List;

/** A built, runnable machine: its devices wired together and one scheduler driving them. */
public interface Machine {

    /** The definition it was built from. */
    MachineDefinition definition();

    /** The scheduler that runs it. */
    Scheduler scheduler();

    /** Every device, in wiring order. */
    List<Device> devices();

    /**
     * Runs the machine headless (console, files) until it stops by itself (the program exits,
     * the frame count is reached) and returns the process exit status for {@code machina run}:
     * 0 for a clean stop, the guest's own status where it has one (Linux {@code exit_group}).
     *
     * @throws EmulationException when emulation cannot go on or a limit in {@code options} is hit
     */
    int run(RunOptions options) throws EmulationException;

    /** Presses the reset button: resets every device. */
    default void reset() {
        devices().forEach(Device::reset);
    }
}
