package dev.machina.core.cpu;

/** Names of execution engines (DESIGN.md, CPU plug-in contract). */
public final class Engines {
    /** Reference semantics, exact cycles: the specification every other engine is tested against. */
    public static final String INTERPRETER = "interpreter";
    /** Cached translation of hot guest code to JVM bytecode. */
    public static final String RECOMPILER = "recompiler";
    /** x86 guests on the host CPU through /dev/kvm. */
    public static final String KVM = "kvm";
    /** Runs every block on the recompiler and the interpreter and stops at the first difference. */
    public static final String LOCKSTEP = "lockstep";
    /** The fastest engine available; says which it picked. */
    public static final String AUTO = "auto";

    private Engines() {
    }
}
