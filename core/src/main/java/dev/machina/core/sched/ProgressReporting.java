package dev.machina.core.sched;

/**
 * Implemented by executable devices that can say how far into the current
 * {@link ExecutableDevice#execute} call they are, so that {@link Scheduler#now()} is exact to
 * the instruction while they run (timers armed from a handler are then timed from the access,
 * not from the slice start).
 */
public interface ProgressReporting {

    /** Cycles consumed since the current {@code execute} call began; 0 outside execution. */
    long sliceProgress();
}
