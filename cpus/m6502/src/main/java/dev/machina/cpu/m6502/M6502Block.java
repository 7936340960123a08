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
    /** Mode bit, with {@link #MODE_QUIET}: the space is one 64 KiB array mapped 1:1, read directly. */
    static final int MODE_FLAT = 2;

    /** Number of guest instructions in the block. */
    public final int instructions;
    /**
     * Successors cached at direct exits 2 and up (exits 0 and 1 use {@link #link0} and
     * {@link #link1}): a block continues past not-taken conditional branches, so it can have
     * more than two direct exits. Entries may point at dead blocks; the dispatcher checks.
     */
    final M6502Block[] moreLinks;

    /**
     * @param address      guest address of the first instruction, 0..65535
     * @param mode         0 or {@link #MODE_QUIET}
     * @param endAddress   exclusive end of the guest bytes covered
     * @param instructions guest instructions translated, &ge; 1
     * @param directExits  number of direct exits (successor known at translation), &ge; 0
     */
    protected M6502Block(long address, int mode, long endAddress, int instructions, int directExits) {
        super(address, mode, endAddress);
        this.instructions = instructions;
        this.moreLinks = new M6502Block[Math.max(0, directExits - 2)];
    }

    /** Caches {@code successor} at direct exit {@code slot}. */
    final void link(int slot, M6502Block successor) {
        switch (slot) {
            case 0 -> link0 = successor;
            case 1 -> link1 = successor;
            default -> moreLinks[slot - 2] = successor;
        }
    }

    /**
     * Runs the block from the registers in {@code in}'s state to one of its exits, leaving the
     * registers, PC and cycle count there exactly as the interpreter would after the same
     * instructions, and {@code in.exitSlot} set to the number (0, 1, ...) of the direct
     * exit taken (the successor address is static) or -1 for an indirect one (RTS, an instruction left to the
     * interpreter, an early stop after a write or an input change).
     *
     * @return the successor cached at the direct exit taken ({@link #link0}, {@link #link1} or
     *         {@link #moreLinks}), or null; the caller checks it is live and of the right mode
     */
    public abstract M6502Block run(M6502Interpreter in);
}
