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

    /** Presses the reset button: resets every device. */
    default void reset() {
        devices().forEach(Device::reset);
    }
}
