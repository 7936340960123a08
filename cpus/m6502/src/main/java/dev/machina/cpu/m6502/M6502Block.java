package dev.machina.cpu.m6502;

import dev.machina.core.recomp.TranslatedBlock;

/**
 * A block of 6502 code translated to JVM bytecode by {@link M6502Translator}: the generated hidden
 * class extends this and implements {@link #run}. Mode bit 1 marks a block translated for a
 * "quiet" bus (no {@link BusCycleHook}, every page a direct array: dummy reads skipped, cycles
 * counted in a local); mode 0 blocks perform every bus cycle through the interpreter's own bus
 * methods, so hooks and I/O handlers see exactly the interpreter's accesses.
 */
public abstract class M6502Block extends TranslatedBlock {
    /** Mode bit: translated for a quiet bus. */
    static final int MODE_QUIET = 1;

    /** Number of guest instructions in the block. */
    public final int instructions;

    /**
     * @param address      guest address of the first instruction, 0..65535
     * @param mode         0 or {@link #MODE_QUIET}
     * @param endAddress   exclusive end of the guest bytes covered
     * @param instructions guest instructions translated, &ge; 1
     */
    protected M6502Block(long address, int mode, long endAddress, int instructions) {
        super(address, mode, endAddress);
        this.instructions = instructions;
    }

    /**
     * Runs the block from the registers in {@code in}'s state to one of its exits, leaving the
     * registers, PC and cycle count there exactly as the interpreter would after the same
     * instructions, and {@code in.exitSlot} set to 0 or 1 for a direct exit (the successor
     * address is static) or -1 for an indirect one (RTS, an instruction left to the
     * interpreter, an early stop after a write or an input change).
     *
     * @return the successor cached at the direct exit taken ({@link #link0} or {@link #link1}),
     *         or null; the caller checks it is live and of the right mode
     */
    public abstract M6502Block run(M6502Interpreter in);
}
