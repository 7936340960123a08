package dev.machina.cpu.arm.a64.recomp;

/**
 * Thrown by the {@code lockstep} engine at the first block whose translation and the interpreter
 * disagree; the message names the block, the first differing item, and both states.
 */
public final class LockstepMismatch extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A mismatch described by {@code message}. */
    public LockstepMismatch(String message) {
        super(message);
    }
}
