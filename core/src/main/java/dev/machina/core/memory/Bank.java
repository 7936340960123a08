package dev.machina.core.memory;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A switchable memory bank (MAME's {@code memory_bank}): a segment divided into equal entries,
 * of which one at a time appears in every window the bank is installed in
 * ({@link AddressSpace#installBank}). Typical uses: cartridge PRG/CHR banks, paged RAM.
 */
public final class Bank {

    /** Where a bank is installed. */
    record Installation(AddressSpace space, int start, int end, int mirror) {
    }

    private final String name;
    private final MemorySegment segment;
    private final long entrySize;
    private final int entries;
    private final boolean writable;
    private final List<Installation> installations = new ArrayList<>();
    private int selected;

    /**
     * @param name      for messages
     * @param segment   backing bytes; its size must be a whole number of entries
     * @param entrySize bytes per entry, equal to the size of each window it is installed in
     * @param writable  true for RAM banks, false for ROM banks
     * @throws IllegalArgumentException if the segment is not a whole number (&ge; 1) of entries
     */
    public Bank(String name, MemorySegment segment, long entrySize, boolean writable) {
        this.name = Objects.requireNonNull(name);
        this.segment = Objects.requireNonNull(segment);
        if (entrySize <= 0 || segment.byteSize() < entrySize || segment.byteSize() % entrySize != 0) {
            throw new IllegalArgumentException("bank " + name + ": " + segment.byteSize()
                    + " bytes is not a whole number of " + entrySize + "-byte entries");
        }
        this.entrySize = entrySize;
        this.entries = (int) (segment.byteSize() / entrySize);
        this.writable = writable;
    }

    /** The bank's name. */
    public String name() {
        return name;
    }

    /** Bytes per entry. */
    public long entrySize() {
        return entrySize;
    }

    /** Number of entries. */
    public int entries() {
        return entries;
    }

    /** The selected entry, 0..entries-1. */
    public int selected() {
        return selected;
    }

    /**
     * Shows entry {@code index} in every window. Out-of-range indices wrap modulo the entry
     * count, as unconnected high bank-select bits do on cartridge boards.
     */
    public void select(int index) {
        int i = Math.floorMod(index, entries);
        if (i == selected) {
            return;
        }
        selected = i;
        for (Installation inst : installations) {
            map(inst);
        }
    }

    void attach(Installation inst) {
        installations.add(inst);
        map(inst);
    }

    private void map(Installation inst) {
        inst.space().mapBank(inst, segment, selected * entrySize, writable);
    }
}
