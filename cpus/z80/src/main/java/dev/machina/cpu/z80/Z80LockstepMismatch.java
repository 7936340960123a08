package dev.machina.cpu.z80;

/**
 * Thrown by the {@code lockstep} engine when a block's result on the recompiler differs from the
 * interpreter's; the message names the block and prints the start state and both results.
 */
public final class Z80LockstepMismatch extends IllegalStateException {
    /** @param message the block, the differences and both states, on several lines */
    public Z80LockstepMismatch(String message) {
        super(message);
    }
}
