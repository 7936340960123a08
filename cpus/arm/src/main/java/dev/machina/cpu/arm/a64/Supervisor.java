package dev.machina.cpu.arm.a64;

/**
 * What runs above EL0: the operating system (Linux user mode) that takes the CPU's exceptions.
 * Each call happens inside {@link A64Cpu#step()}; the handler may change any register,
 * including {@link A64Cpu#npc} (where execution goes on) and may call {@link A64Cpu#stopSlice()}.
 */
public interface Supervisor {

    /**
     * {@code SVC #imm16}: a system call. {@link A64Cpu#npc} holds the return address (the
     * instruction after the SVC), as ELR_EL1 would.
     */
    void supervisorCall(A64Cpu cpu, int imm16);

    /**
     * An undefined or unimplemented encoding at {@code pc} (Linux: {@code SIGILL},
     * {@code ILL_ILLOPC}); {@link A64Cpu#npc} = {@code pc}.
     */
    void undefinedInstruction(A64Cpu cpu, long pc, int insn);

    /**
     * A data or instruction access fault of the instruction at {@code pc} (Linux:
     * {@code SIGSEGV}); {@link A64Cpu#npc} = {@code pc} and no register was changed.
     */
    void memoryFault(A64Cpu cpu, long pc, MemoryFault fault);

    /** {@code BRK #imm16} at {@code pc} (Linux: {@code SIGTRAP}); {@link A64Cpu#npc} = {@code pc}. */
    void breakpoint(A64Cpu cpu, long pc, int imm16);
}
