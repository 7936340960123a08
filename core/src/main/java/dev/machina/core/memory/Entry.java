package dev.machina.core.memory;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * What one page (or, inside a split page, one byte address) of an address space dispatches to.
 * Internal to the memory package.
 */
abstract sealed class Entry permits Entry.Direct, Entry.Handler, Entry.Unmapped, Entry.Split {

    /** Reads the byte at {@code address} (already masked to the space), 0..255. */
    abstract int read8(int address);

    /** Writes the byte at {@code address}. */
    abstract void write8(int address, int value);

    /** A RAM or ROM region on a segment; offset = regionOffset + (address &amp; ~mirror) - start. */
    static final class Direct extends Entry {
        final MemorySegment segment;
        final long regionOffset;
        final int start;
        final int keepMask;
        final boolean writable;
        final Entry writeFallback;

        Direct(MemorySegment segment, long regionOffset, int start, int mirror, boolean writable, Entry writeFallback) {
            this.segment = segment;
            this.regionOffset = regionOffset;
            this.start = start;
            this.keepMask = ~mirror;
            this.writable = writable;
            this.writeFallback = writeFallback;
        }

        long offsetOf(int address) {
            return regionOffset + Integer.toUnsignedLong((address & keepMask) - start);
        }

        @Override
        int read8(int address) {
            return segment.get(ValueLayout.JAVA_BYTE, offsetOf(address)) & 0xFF;
        }

        @Override
        void write8(int address, int value) {
            if (writable) {
                segment.set(ValueLayout.JAVA_BYTE, offsetOf(address), (byte) value);
            } else {
                writeFallback.write8(address, value);
            }
        }
    }

    /** An I/O region served by handlers; a null handler side is unmapped. */
    static final class Handler extends Entry {
        final ReadHandler reader;
        final WriteHandler writer;
        final int start;
        final int keepMask;
        final Entry unmapped;

        Handler(ReadHandler reader, WriteHandler writer, int start, int mirror, Entry unmapped) {
            this.reader = reader;
            this.writer = writer;
            this.start = start;
            this.keepMask = ~mirror;
            this.unmapped = unmapped;
        }

        @Override
        int read8(int address) {
            return reader != null ? reader.read((address & keepMask) - start) & 0xFF : unmapped.read8(address);
        }

        @Override
        void write8(int address, int value) {
            if (writer != null) {
                writer.write((address & keepMask) - start, value & 0xFF);
            } else {
                unmapped.write8(address, value);
            }
        }
    }

    /** Nothing mapped: reads return the open-bus value, writes are dropped; logged once per page. */
    static final class Unmapped extends Entry {
        final AddressSpace space;

        Unmapped(AddressSpace space) {
            this.space = space;
        }

        @Override
        int read8(int address) {
            space.noteUnmapped(address, false);
            return space.openBus() & 0xFF;
        }

        @Override
        void write8(int address, int value) {
            space.noteUnmapped(address, true);
        }
    }

    /** A page shared by several regions: one entry per byte offset in the page. */
    static final class Split extends Entry {
        final Entry[] entries;
        final int pageMask;

        Split(Entry fill, int pageSize) {
            entries = new Entry[pageSize];
            java.util.Arrays.fill(entries, fill);
            pageMask = pageSize - 1;
        }

        @Override
        int read8(int address) {
            return entries[address & pageMask].read8(address);
        }

        @Override
        void write8(int address, int value) {
            entries[address & pageMask].write8(address, value);
        }

        /** The one entry that covers the whole page, or null when entries differ. */
        Entry uniform() {
            Entry e = entries[0];
            for (Entry x : entries) {
                if (x != e) {
                    return null;
                }
            }
            return e;
        }
    }
}
