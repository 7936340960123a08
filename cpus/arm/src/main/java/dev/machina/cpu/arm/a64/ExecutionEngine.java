package dev.machina.cpu.arm.a64;

/**
 * An engine other than the interpreter that runs an {@link A64Cpu} (the recompiler, the lockstep
 * checker). The CPU's architectural state is the engine's state: it is valid in the CPU's fields
 * whenever {@link #execute} returns.
 */
public interface ExecutionEngine {
    /**
     * Runs up to about {@code cycles} instructions (a translated block is not cut short, so a
     * slice may end a block's length beyond it) or until {@link A64Cpu#stopSlice()}.
     *
     * @return instructions retired
     */
    long execute(long cycles);

    /**
     * Guest code at {@code address} may have changed (Arm ARM D7.5: {@code IC IVAU} by the
     * program); translations of its page must go.
     */
    void invalidate(long address);

    /** Drops every translation (a save state was loaded). */
    void flush();
}
