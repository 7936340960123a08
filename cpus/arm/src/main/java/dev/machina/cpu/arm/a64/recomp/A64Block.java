package dev.machina.cpu.arm.a64.recomp;

import dev.machina.core.recomp.TranslatedBlock;
import dev.machina.cpu.arm.a64.A64Cpu;

/**
 * A region of A64 code translated to one JVM method (the generated hidden class extends this):
 * the basic block entered at {@link #address} and the basic blocks on its page reachable from it
 * through direct branches, with the branches between them as jumps inside the method, so loops
 * within a page run without leaving it (with registers in locals throughout).
 *
 * <p>Contract of {@link #run}: the block reads the guest registers it needs from the CPU,
 * keeps them in JVM locals, and at every exit writes back the ones it changed, sets
 * {@link A64Cpu#pc} to where execution continues and adds the instructions it executed to
 * {@link A64Cpu#retired}. When an instruction faults (a {@code MemoryFault} or {@code Undefined}
 * escapes), the registers are written back as they were before that instruction,
 * {@link A64Cpu#pc} is its address, and {@link A64Cpu#retired} counts the instructions before
 * it (the caller adds the faulting one, as the interpreter does).
 */
public abstract class A64Block extends TranslatedBlock {
    /** Guest instructions in the block. */
    public final int instructions;
    /** Target of direct exit 0 (cached in {@link #link0}), or -1 when that exit is not linked. */
    public final long target0;
    /** Target of direct exit 1 (cached in {@link #link1}), or -1. */
    public final long target1;
    /**
     * Inline cache of the dispatcher: the successor found the last time this block left by an
     * exit without a link (an indirect branch, BR/BLR/RET, or a direct branch off the page), or
     * null. Only a hint: the dispatcher uses it when its address is the PC and it is not
     * {@link #dead}. It may keep a dead block of another page reachable until it is replaced
     * or this block dies (at most one per block).
     */
    public A64Block indirect;

    /**
     * @param address      guest address of the entry instruction
     * @param endAddress   end of the highest instruction translated (all on the entry's page)
     * @param instructions number of instructions translated
     * @param target0      direct exit 0's target, or -1
     * @param target1      direct exit 1's target, or -1
     */
    protected A64Block(long address, long endAddress, int instructions, long target0, long target1) {
        super(address, 0, endAddress);
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
