package dev.machina.cpu.arm.a64.recomp;

import dev.machina.core.recomp.TranslatedBlock;
import dev.machina.cpu.arm.a64.A64Cpu;

/**
 * A run of A64 instructions translated to one JVM method (the generated hidden class extends
 * this). Blocks are straight-line: they start at {@link #address}, end at a branch, a system call
 * or a size limit, and leave through side exits only at conditional branches and after stores
 * into translated code.
 *
 * <p>Contract of {@link #run}: the block reads the guest registers it needs from the CPU,
 * keeps them in JVM locals, and at every exit writes back the ones it changed, sets
 * {@link A64Cpu#pc} to where execution continues and adds the instructions it executed to
 * {@link A64Cpu#retired}. When an instruction faults (a {@code MemoryFault} or {@code Undefined}
 * escapes), the registers are written back as they were before that instruction,
 * {@link A64Cpu#pc} is its address, and {@link A64Cpu#retired} is not yet advanced: the caller
 * counts the instructions before it as {@code (pc - address) / 4}.
 */
public abstract class A64Block extends TranslatedBlock {
    /** Guest instructions in the block. */
    public final int instructions;
    /** Target of direct exit 0 (cached in {@link #link0}), or -1 when that exit is not linked. */
    public final long target0;
    /** Target of direct exit 1 (cached in {@link #link1}), or -1. */
    public final long target1;

    /**
     * @param address      guest address of the first instruction
     * @param instructions number of instructions (the block covers {@code 4 * instructions} bytes)
     * @param target0      direct exit 0's target, or -1
     * @param target1      direct exit 1's target, or -1
     */
    protected A64Block(long address, int instructions, long target0, long target1) {
        super(address, 0, address + 4L * instructions);
        this.instructions = instructions;
        this.target0 = target0;
        this.target1 = target1;
    }

    /**
     * Runs the block on {@code cpu}.
     *
     * @return the successor cached at the direct exit taken ({@link #link0}/{@link #link1}, maybe
     *         dead, the caller checks), or null; {@link A64Cpu#pc} holds the next address either way
     */
    public abstract A64Block run(A64Cpu cpu);
}
