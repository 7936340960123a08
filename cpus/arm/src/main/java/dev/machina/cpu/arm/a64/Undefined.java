package dev.machina.cpu.arm.a64;

/**
 * Thrown by an instruction's semantics when its encoding is unallocated or not implemented
 * (Arm ARM: "UNDEFINED"); the CPU turns it into {@link Supervisor#undefinedInstruction}.
 * Stackless and shared: it carries no data.
 */
public final class Undefined extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The one instance. */
    public static final Undefined INSTANCE = new Undefined();

    private Undefined() {
        super("undefined instruction", null, false, false);
    }
}
