package dev.machina.cpu.z80;

import dev.machina.core.recomp.TranslatedBlock;

/**
 * A translated Z80 block: guest instructions from {@link #address} to a control-flow exit (or a
 * size cap), compiled by {@link Z80Translator} into a hidden class that extends this one. The
 * block keeps the registers it uses in JVM locals, loaded at entry and stored at its exits.
 */
abstract class Z80Block extends TranslatedBlock {
    /** Upper bound of the T-states one run of the block can take (every branch taken), for the slice budget. */
    final int tMax;
    /** Guest instructions in the block. */
    final int instructions;
    /** The block performs I/O (through the interpreter); lockstep runs such a block only once. */
    final boolean io;
    /**
     * Which basic block of the translation this entry starts at (0 = the first): a region's
     * method is shared by one instance per basic block, so a jump to any of them enters
     * compiled code without another translation.
     */
    final int entry;

    /**
     * @param address      guest address of the first instruction, 0..FFFFH
     * @param endAddress   one past the last byte of the last instruction, at most 10000H
     * @param tMax         see {@link #tMax}
     * @param instructions see {@link #instructions}
     * @param io           see {@link #io}
     * @param entry        see {@link #entry}
     */
    protected Z80Block(long address, long endAddress, int tMax, int instructions, boolean io, int entry) {
        super(address, 0, endAddress);
        this.entry = entry;
        this.tMax = tMax;
        this.instructions = instructions;
        this.io = io;
    }

    /**
     * Runs the block on the state of {@code rc} (registers, memory, T-states) and returns the
     * successor block cached in the exit's link, or null (the dispatcher then looks it up; the
     * exit taken is in {@link Z80Recompiler#lastExit}). The caller checks a returned block's
     * {@link #dead} flag.
     */
    public abstract Z80Block run(Z80Recompiler rc);
}
