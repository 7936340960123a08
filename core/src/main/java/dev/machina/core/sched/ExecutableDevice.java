package dev.machina.core.sched;

import dev.machina.core.device.Device;
import dev.machina.core.time.Frequency;

/**
 * A device that consumes time by executing: a CPU, or a chip stepped by cycles. The
 * {@link Scheduler} hands it cycle budgets (timeslices); the device tracks nothing about
 * absolute time itself, the scheduler keeps its cycle count.
 */
public interface ExecutableDevice extends Device {

    /** The clock that {@link #execute} counts cycles of (for a CPU: its T-states or cycles). */
    Frequency clock();

    /**
     * Runs for about {@code cycles} cycles: until at least that many have been consumed (an
     * instruction in progress finishes, so the result may exceed the budget by part of an
     * instruction), or fewer when {@link #stopSlice()} is called during the run.
     *
     * @param cycles budget in cycles of {@link #clock()}, &ge; 1
     * @return cycles actually consumed, &ge; 0
     */
    long execute(long cycles);

    /**
     * Asks a running {@link #execute} to return as soon as the current instruction (or atomic
     * step) completes. Called from handlers and callbacks invoked during execution, e.g. when a
     * write raises an interrupt on another device. Has no effect when not executing.
     */
    void stopSlice();
}
