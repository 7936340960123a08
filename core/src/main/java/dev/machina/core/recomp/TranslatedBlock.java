package dev.machina.core.recomp;

/**
 * Base of every block of guest code translated to JVM bytecode (DESIGN.md, Recompilers). An ISA
 * defines an abstract subclass with its entry method (for example
 * {@code abstract TranslatedBlock run(M6502 cpu)}) and generates hidden classes extending it; the
 * {@link BlockCache} owns the blocks and kills them when guest code under them is overwritten.
 *
 * <p>A block covers the guest bytes {@code [address, endAddress)}. The dispatcher follows
 * {@link #link0}/{@link #link1} (successors cached at the block's direct exits) only while the
 * successor is not {@link #dead}.
 */
public abstract class TranslatedBlock {
    /** Guest address of the first instruction. */
    public final long address;
    /** Mode bits that select this translation (ISA-defined, 0..255; e.g. 0 when there are none). */
    public final int mode;
    /** Guest address just past the last byte of the last instruction (exclusive end). */
    public final long endAddress;
    /**
     * True once the block was invalidated (its guest code was written, or the cache was flushed).
     * A dead block may still be running; it must not be entered again.
     */
    public boolean dead;
    /** Successor cached at the first direct exit, or null; cleared when this block dies. */
    public TranslatedBlock link0;
    /** Successor cached at the second direct exit, or null; cleared when this block dies. */
    public TranslatedBlock link1;
    /** Statistic for the ISA's use, e.g. how many times the block was entered. */
    public long entries;

    /**
     * @param address    guest address of the first instruction
     * @param mode       mode bits, 0..255
     * @param endAddress exclusive end of the guest bytes covered, greater than {@code address}
     * @throws IllegalArgumentException when the range is empty or the mode is out of range
     */
    protected TranslatedBlock(long address, int mode, long endAddress) {
        if (Long.compareUnsigned(endAddress, address) <= 0) {
            throw new IllegalArgumentException("empty block at " + Long.toHexString(address));
        }
        if ((mode & ~0xFF) != 0) {
            throw new IllegalArgumentException("mode " + mode + " out of range 0..255");
        }
        this.address = address;
        this.mode = mode;
        this.endAddress = endAddress;
    }

    /** Marks the block dead and clears its links (called by {@link BlockCache}). */
    final void kill() {
        dead = true;
        link0 = null;
        link1 = null;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + Long.toHexString(address) + ".." + Long.toHexString(endAddress)
                + (mode != 0 ? " mode " + mode : "") + (dead ? " dead" : "") + "]";
    }
}
