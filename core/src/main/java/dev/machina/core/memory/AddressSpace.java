package dev.machina.core.memory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * An address space (a CPU's program space, an I/O port space, a video chip's space) of up to
 * 32 address bits, dispatched through a page table, after MAME's address maps.
 *
 * <p>Each page ({@code 2^pageBits} bytes) is either <em>direct</em> &mdash; RAM or ROM read
 * straight from a {@link MemorySegment} with no call; for heap segments
 * ({@code MemorySegment.ofArray(byte[])}) straight from the array, which the memory benchmark
 * measured fastest (docs/PERFORMANCE.md) &mdash; or dispatched to an entry: an I/O
 * handler, an unmapped page, or a <em>split</em> page whose bytes belong to several regions.
 * Installing a region that covers only part of a page splits that page; a page whose bytes
 * all end up in one region is joined again.
 *
 * <p>Mirrors follow MAME: the bits set in {@code mirror} are ignored when decoding, so the
 * region appears at every combination of those bits. {@code start}, {@code end} and
 * {@code mirror} must share no bits. Banks ({@link Bank}) switch which part of a segment a
 * window shows. Addresses are {@code int}s taken as unsigned and masked to {@code addressBits};
 * ranges are inclusive.
 *
 * <p>Unmapped reads return the open-bus value ({@link #openBus()}, set by the CPU or machine,
 * default 0); unmapped writes are dropped; the first unmapped access on each page is logged
 * once (per direction) at WARN. Writes to ROM are unmapped writes.
 *
 * <p>Accessors: 8-bit is the native width; 16/32/64-bit accessors use the space's byte order
 * and are single segment accesses when the datum lies within one direct page, otherwise they
 * are composed of 8-bit accesses in ascending address order. Handlers are 8-bit.
 *
 * <p>Not thread-safe.
 */
public final class AddressSpace {
    private static final Logger LOG = LoggerFactory.getLogger(AddressSpace.class);

    private final String name;
    private final int addressBits;
    private final int addressMask;
    private final int pageBits;
    private final int pageSize;
    private final int pageMask;
    private final ByteOrder order;
    private final ValueLayout.OfShort u16;
    private final ValueLayout.OfInt u32;
    private final ValueLayout.OfLong u64;
    private final VarHandle a16;
    private final VarHandle a32;
    private final VarHandle a64;

    // Page tables, fastest first. A non-null readSegment[p] means page p is direct, at readBase[p]
    // in that segment; when the segment is heap-backed, readArray[p] is its byte[] and the page
    // is read as a plain array at readArrayBase[p]. Otherwise readEntry[p] dispatches.
    private final byte[][] readArray;
    private final int[] readArrayBase;
    private final byte[][] writeArray;
    private final int[] writeArrayBase;
    private final MemorySegment[] readSegment;
    private final long[] readBase;
    private final Entry[] readEntry;
    private final MemorySegment[] writeSegment;
    private final long[] writeBase;
    private final Entry[] writeEntry;

    private final Entry.Unmapped unmapped = new Entry.Unmapped(this);
    /** Incremented whenever any page's mapping changes (install, unmap, bank select). */
    private int mapVersion;
    private final BitSet loggedReads = new BitSet();
    private final BitSet loggedWrites = new BitSet();
    private final List<Bank.Installation> bankInstallations = new ArrayList<>();
    private int openBus;
    /** Pages asked to be watched; null until first used. */
    private boolean[] requested;
    private int requestedCount;
    /** Pages that take the slow write path: requested ones and their aliases. */
    private boolean[] watched;
    /** For each watched page, the requested pages to report its writes at. */
    private int[][] watchTargets;
    private WriteWatcher writeWatcher;

    /**
     * @param name        for messages, e.g. {@code "maincpu program"}
     * @param addressBits 1..32
     * @param pageBits    page size as a power of two, 0..min(addressBits, 16); 8 suits 16-bit
     *                    spaces, 12 suits 32-bit ones (the table has {@code 2^(addressBits-pageBits)} entries)
     * @param order       byte order of the wide accessors
     * @throws IllegalArgumentException on out-of-range parameters or a table above 2^22 pages
     */
    public AddressSpace(String name, int addressBits, int pageBits, ByteOrder order) {
        if (addressBits < 1 || addressBits > 32 || pageBits < 0 || pageBits > Math.min(addressBits, 16)) {
            throw new IllegalArgumentException(name + ": invalid geometry " + addressBits + " address bits, " + pageBits + " page bits");
        }
        if (addressBits - pageBits > 22) {
            throw new IllegalArgumentException(name + ": page table of 2^" + (addressBits - pageBits) + " entries is too large");
        }
        this.name = Objects.requireNonNull(name);
        this.addressBits = addressBits;
        this.addressMask = addressBits == 32 ? -1 : (1 << addressBits) - 1;
        this.pageBits = pageBits;
        this.pageSize = 1 << pageBits;
        this.pageMask = pageSize - 1;
        this.order = Objects.requireNonNull(order);
        this.u16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(order);
        this.u32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(order);
        this.u64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(order);
        int pages = 1 << (addressBits - pageBits);
        readArray = new byte[pages][];
        readArrayBase = new int[pages];
        writeArray = new byte[pages][];
        writeArrayBase = new int[pages];
        this.a16 = MethodHandles.byteArrayViewVarHandle(short[].class, order);
        this.a32 = MethodHandles.byteArrayViewVarHandle(int[].class, order);
        this.a64 = MethodHandles.byteArrayViewVarHandle(long[].class, order);
        readSegment = new MemorySegment[pages];
        readBase = new long[pages];
        readEntry = new Entry[pages];
        writeSegment = new MemorySegment[pages];
        writeBase = new long[pages];
        writeEntry = new Entry[pages];
        java.util.Arrays.fill(readEntry, unmapped);
        java.util.Arrays.fill(writeEntry, unmapped);
    }

    /** The name given at creation. */
    public String name() {
        return name;
    }

    /** Address width in bits. */
    public int addressBits() {
        return addressBits;
    }

    /** Mask of valid address bits (all ones for 32 bits). */
    public int addressMask() {
        return addressMask;
    }

    /** Page size in bytes. */
    public int pageSize() {
        return pageSize;
    }

    /** Byte order of the wide accessors. */
    public ByteOrder order() {
        return order;
    }

    /** The value an unmapped read returns (the last value on the data bus), 0..255. */
    public int openBus() {
        return openBus;
    }

    /** Sets the open-bus value returned by unmapped reads; only the low 8 bits are kept. */
    public void setOpenBus(int value) {
        openBus = value & 0xFF;
    }

    // ------------------------------------------------------------------ mapping

    /** Maps read/write RAM: {@code segment} bytes from 0 appear at {@code start..end}. */
    public void installRam(int start, int end, MemorySegment segment) {
        installRam(start, end, 0, segment, 0);
    }

    /**
     * Maps read/write RAM at {@code start..end} with mirror bits {@code mirror}, showing
     * {@code segment} from {@code offset}.
     *
     * @throws IllegalArgumentException if the segment is shorter than the range
     */
    public void installRam(int start, int end, int mirror, MemorySegment segment, long offset) {
        installDirect(start, end, mirror, segment, offset, true);
    }

    /** Maps ROM (read-only; writes are unmapped writes) at {@code start..end}. */
    public void installRom(int start, int end, MemorySegment segment) {
        installRom(start, end, 0, segment, 0);
    }

    /** Maps ROM at {@code start..end} with mirror bits {@code mirror}, from {@code offset}. */
    public void installRom(int start, int end, int mirror, MemorySegment segment, long offset) {
        installDirect(start, end, mirror, segment, offset, false);
    }

    private void installDirect(int start, int end, int mirror, MemorySegment segment, long offset, boolean writable) {
        checkRange(start, end, mirror);
        long size = Integer.toUnsignedLong(end - start) + 1;
        if (offset < 0 || offset + size > segment.byteSize()) {
            throw new IllegalArgumentException(String.format("%s: region %s needs %d bytes from offset %d, segment has %d",
                    name, range(start, end), size, offset, segment.byteSize()));
        }
        Entry.Direct e = new Entry.Direct(segment, offset, start, mirror, writable, unmapped);
        forEachMirror(start, end, mirror, (lo, hi) -> install(lo, hi, e, e));
    }

    /**
     * Maps an I/O region served by handlers; a null handler leaves that direction unmapped.
     * Handlers receive the offset from {@code start} with mirror bits removed.
     */
    public void installHandler(int start, int end, int mirror, ReadHandler reader, WriteHandler writer) {
        checkRange(start, end, mirror);
        Entry.Handler e = new Entry.Handler(reader, writer, start, mirror, unmapped);
        forEachMirror(start, end, mirror, (lo, hi) -> install(lo, hi, reader != null ? e : unmapped, writer != null ? e : unmapped));
    }

    /** {@link #installHandler(int, int, int, ReadHandler, WriteHandler)} without mirrors. */
    public void installHandler(int start, int end, ReadHandler reader, WriteHandler writer) {
        installHandler(start, end, 0, reader, writer);
    }

    /** Replaces a read handler only, keeping what writes at {@code start..end} go to. */
    public void installReadHandler(int start, int end, int mirror, ReadHandler reader) {
        checkRange(start, end, mirror);
        Entry.Handler e = new Entry.Handler(reader, null, start, mirror, unmapped);
        forEachMirror(start, end, mirror, (lo, hi) -> install(lo, hi, e, null));
    }

    /** Replaces a write handler only, keeping what reads at {@code start..end} go to. */
    public void installWriteHandler(int start, int end, int mirror, WriteHandler writer) {
        checkRange(start, end, mirror);
        Entry.Handler e = new Entry.Handler(null, writer, start, mirror, unmapped);
        forEachMirror(start, end, mirror, (lo, hi) -> install(lo, hi, null, e));
    }

    /**
     * Maps a switchable bank window at {@code start..end} (mirrored by {@code mirror}). The window
     * size must equal the bank's entry size; the window shows the bank's selected entry, and
     * follows {@link Bank#select} from then on.
     */
    public void installBank(int start, int end, int mirror, Bank bank) {
        checkRange(start, end, mirror);
        long size = Integer.toUnsignedLong(end - start) + 1;
        if (size != bank.entrySize()) {
            throw new IllegalArgumentException(String.format("%s: bank %s has %d-byte entries, window %s is %d bytes",
                    name, bank.name(), bank.entrySize(), range(start, end), size));
        }
        Bank.Installation inst = new Bank.Installation(this, start, end, mirror);
        bankInstallations.add(inst);
        bank.attach(inst);
    }

    /** Called by a bank to (re)map one installation onto its selected entry. */
    void mapBank(Bank.Installation inst, MemorySegment segment, long offset, boolean writable) {
        installDirect(inst.start(), inst.end(), inst.mirror(), segment, offset, writable);
    }

    /** Unmaps {@code start..end} in both directions. */
    public void unmap(int start, int end) {
        checkRange(start, end, 0);
        install(start, end, unmapped, unmapped);
    }

    private interface RangeAction {
        void apply(int lo, int hi);
    }

    private void forEachMirror(int start, int end, int mirror, RangeAction action) {
        if (Integer.bitCount(mirror) > 24) {
            throw new IllegalArgumentException(name + ": mirror mask " + hex(mirror) + " has too many bits");
        }
        int sub = 0;
        do {
            action.apply(start | sub, end | sub);
            sub = (sub - mirror) & mirror;
        } while (sub != 0);
    }

    private void install(int lo, int hi, Entry reader, Entry writer) {
        int firstPage = (lo & addressMask) >>> pageBits;
        int lastPage = (hi & addressMask) >>> pageBits;
        for (int p = firstPage; ; p++) {
            int pageStart = p << pageBits;
            int pageEnd = pageStart + pageMask;
            boolean whole = Integer.compareUnsigned(lo, pageStart) <= 0 && Integer.compareUnsigned(hi, pageEnd) >= 0;
            int from = whole ? 0 : Math.max(0, (int) (Integer.toUnsignedLong(lo) - Integer.toUnsignedLong(pageStart)));
            int to = whole ? pageMask : (int) Math.min(pageMask, Integer.toUnsignedLong(hi) - Integer.toUnsignedLong(pageStart));
            if (reader != null) {
                readEntry[p] = place(readEntry[p], reader, whole, from, to);
            }
            if (writer != null) {
                writeEntry[p] = place(writeEntry[p], writer, whole, from, to);
            }
            refresh(p);
            if (p == lastPage) {
                break;
            }
        }
        if (requestedCount > 0) {
            recomputeWatching();
        }
    }

    private Entry place(Entry current, Entry e, boolean whole, int from, int to) {
        if (whole) {
            return e;
        }
        Entry.Split split = current instanceof Entry.Split s ? s : new Entry.Split(current, pageSize);
        java.util.Arrays.fill(split.entries, from, to + 1, e);
        Entry uniform = split.uniform();
        return uniform != null ? uniform : split;
    }

    /** Recomputes the direct fast paths of page {@code p} from its entries. */
    private void refresh(int p) {
        mapVersion++;
        int pageStart = p << pageBits;
        boolean watch = watched != null && watched[p];
        readSegment[p] = null;
        writeSegment[p] = null;
        readArray[p] = null;
        writeArray[p] = null;
        if (readEntry[p] instanceof Entry.Direct d && (~d.keepMask & pageMask) == 0) {
            long off = d.offsetOf(pageStart);
            readSegment[p] = d.segment;
            readBase[p] = off;
            if (heapArray(d.segment) instanceof byte[] arr) {
                readArray[p] = arr;
                readArrayBase[p] = Math.toIntExact(d.segment.address() + off);
            }
        }
        if (!watch && writeEntry[p] instanceof Entry.Direct d && d.writable && (~d.keepMask & pageMask) == 0) {
            long off = d.offsetOf(pageStart);
            writeSegment[p] = d.segment;
            writeBase[p] = off;
            if (heapArray(d.segment) instanceof byte[] arr) {
                writeArray[p] = arr;
                writeArrayBase[p] = Math.toIntExact(d.segment.address() + off);
            }
        }
        if (watch && writeWatcher != null) {
            notifyWrite(p, pageStart);
        }
    }

    // ------------------------------------------------------------------ write watching

    /**
     * Sets the one watcher told about writes to and remaps of watched pages (a recompiler's code
     * invalidation), or null for none.
     */
    public void setWriteWatcher(WriteWatcher watcher) {
        this.writeWatcher = watcher;
    }

    /**
     * Turns write watching on or off for the page that holds {@code address}. A watched page takes
     * the slow write path (wide writes are split into bytes); after each byte written there, and
     * when the page is remapped, the {@link WriteWatcher} is called. Writes through a mirror or
     * another window onto the same RAM bytes (same segment, same offset, e.g. the NES's RAM
     * mirrors) are reported too, at the address of the watched page, as long as the space has at
     * most 2^16 pages. Reads, including the direct {@link #directReadArray} path, are unaffected.
     * Changes {@link #mapVersion}.
     */
    public void watchWrites(int address, boolean on) {
        int p = (address & addressMask) >>> pageBits;
        if (requested == null) {
            if (!on) {
                return;
            }
            requested = new boolean[readEntry.length];
            watched = new boolean[readEntry.length];
            watchTargets = new int[readEntry.length][];
        }
        if (requested[p] != on) {
            requested[p] = on;
            requestedCount += on ? 1 : -1;
            recomputeWatching();
        }
    }

    /** Whether the page that holds {@code address} was asked to be watched. */
    public boolean isWatched(int address) {
        return requested != null && requested[(address & addressMask) >>> pageBits];
    }

    /**
     * Recomputes which pages take the slow write path: the requested ones and every page whose
     * write entry is direct onto the same bytes as a requested page.
     */
    private void recomputeWatching() {
        int pages = readEntry.length;
        boolean[] was = watched.clone();
        java.util.Arrays.fill(watched, false);
        java.util.Arrays.fill(watchTargets, null);
        if (requestedCount > 0) {
            java.util.Map<Backing, int[]> byBacking = new java.util.HashMap<>();
            for (int p = 0; p < pages; p++) {
                if (requested[p]) {
                    watched[p] = true;
                    watchTargets[p] = append(watchTargets[p], p);
                    Backing key = backing(p);
                    if (key != null) {
                        byBacking.merge(key, new int[]{p}, AddressSpace::concat);
                    }
                }
            }
            if (!byBacking.isEmpty() && pages <= 1 << 16) {
                for (int q = 0; q < pages; q++) {
                    Backing key = backing(q);
                    int[] targets = key == null ? null : byBacking.get(key);
                    if (targets != null) {
                        watched[q] = true;
                        for (int t : targets) {
                            if (t != q) {
                                watchTargets[q] = append(watchTargets[q], t);
                            }
                        }
                    }
                }
            }
        }
        WriteWatcher w = writeWatcher;
        writeWatcher = null;
        try {
            for (int p = 0; p < pages; p++) {
                if (was[p] != watched[p]) {
                    refresh(p);
                }
            }
        } finally {
            writeWatcher = w;
        }
    }

    /**
     * The bytes behind a direct page: the heap array (null for native memory) and the offset in it
     * (for native memory, the absolute address). Arrays compare by identity, so two windows onto
     * the same bytes give equal keys and nothing else does.
     */
    private record Backing(Object array, long offset) {
    }

    /** The bytes behind page {@code p}'s direct write entry, or null when it is not direct. */
    private Backing backing(int p) {
        if (writeEntry[p] instanceof Entry.Direct d && d.writable && (~d.keepMask & pageMask) == 0) {
            return new Backing(d.segment.heapBase().orElse(null), d.segment.address() + d.offsetOf(p << pageBits));
        }
        return null;
    }

    private static int[] append(int[] a, int v) {
        if (a == null) {
            return new int[]{v};
        }
        int[] b = java.util.Arrays.copyOf(a, a.length + 1);
        b[a.length] = v;
        return b;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private void notifyWrite(int p, int a) {
        int[] targets = watchTargets[p];
        if (targets == null) {
            return;
        }
        int inPage = a & pageMask;
        for (int t : targets) {
            writeWatcher.written(t << pageBits | inPage);
        }
    }

    /** The byte[] behind a heap segment made by {@code MemorySegment.ofArray(byte[])}, else null. */
    private static Object heapArray(MemorySegment s) {
        return s.isReadOnly() ? null : s.heapBase().orElse(null);
    }

    private void checkRange(int start, int end, int mirror) {
        if ((start & ~addressMask) != 0 || (end & ~addressMask) != 0 || (mirror & ~addressMask) != 0) {
            throw new IllegalArgumentException(name + ": range " + range(start, end) + " mirror " + hex(mirror)
                    + " exceeds " + addressBits + " address bits");
        }
        if (Integer.compareUnsigned(start, end) > 0) {
            throw new IllegalArgumentException(name + ": empty range " + range(start, end));
        }
        if ((start & mirror) != 0 || (end & mirror) != 0) {
            throw new IllegalArgumentException(name + ": range " + range(start, end) + " overlaps mirror bits " + hex(mirror));
        }
    }

    // ------------------------------------------------------------------ access

    /** Reads a byte, 0..255. */
    public int read8(int address) {
        int a = address & addressMask;
        int p = a >>> pageBits;
        byte[] arr = readArray[p];
        if (arr != null) {
            return arr[readArrayBase[p] + (a & pageMask)] & 0xFF;
        }
        MemorySegment s = readSegment[p];
        if (s != null) {
            return s.get(ValueLayout.JAVA_BYTE, readBase[p] + (a & pageMask)) & 0xFF;
        }
        return readEntry[p].read8(a);
    }

    /** Writes the low 8 bits of {@code value}. */
    public void write8(int address, int value) {
        int a = address & addressMask;
        int p = a >>> pageBits;
        byte[] arr = writeArray[p];
        if (arr != null) {
            arr[writeArrayBase[p] + (a & pageMask)] = (byte) value;
            return;
        }
        MemorySegment s = writeSegment[p];
        if (s != null) {
            s.set(ValueLayout.JAVA_BYTE, writeBase[p] + (a & pageMask), (byte) value);
            return;
        }
        writeEntry[p].write8(a, value & 0xFF);
        if (watched != null && watched[p] && writeWatcher != null) {
            notifyWrite(p, a);
        }
    }

    /** Reads 16 bits in the space's byte order, 0..65535. */
    public int read16(int address) {
        int a = address & addressMask;
        int p = a >>> pageBits;
        byte[] arr = readArray[p];
        if (arr != null && (a & pageMask) <= pageSize - 2) {
            return (short) a16.get(arr, readArrayBase[p] + (a & pageMask)) & 0xFFFF;
        }
        MemorySegment s = readSegment[p];
        if (s != null && (a & pageMask) <= pageSize - 2) {
            return s.get(u16, readBase[p] + (a & pageMask)) & 0xFFFF;
        }
        return (int) compose(address, 2);
    }

    /** Reads 32 bits in the space's byte order. */
    public int read32(int address) {
        int a = address & addressMask;
        int p = a >>> pageBits;
        byte[] arr = readArray[p];
        if (arr != null && (a & pageMask) <= pageSize - 4) {
            return (int) a32.get(arr, readArrayBase[p] + (a & pageMask)) ;
        }
        MemorySegment s = readSegment[p];
        if (s != null && (a & pageMask) <= pageSize - 4) {
            return s.get(u32, readBase[p] + (a & pageMask));
        }
        return (int) compose(address, 4);
    }

    /** Reads 64 bits in the space's byte order. */
    public long read64(int address) {
        int a = address & addressMask;
        int p = a >>> pageBits;
        byte[] arr = readArray[p];
        if (arr != null && (a & pageMask) <= pageSize - 8) {
            return (long) a64.get(arr, readArrayBase[p] + (a & pageMask)) ;
        }
        MemorySegment s = readSegment[p];
        if (s != null && (a & pageMask) <= pageSize - 8) {
            return s.get(u64, readBase[p] + (a & pageMask));
        }
        return compose(address, 8);
    }

    /** Writes the low 16 bits in the space's byte order. */
    public void write16(int address, int value) {
        int a = address & addressMask;
        int p = a >>> pageBits;
        byte[] arr = writeArray[p];
        if (arr != null && (a & pageMask) <= pageSize - 2) {
            a16.set(arr, writeArrayBase[p] + (a & pageMask), (short) value);
            return;
        }
        MemorySegment s = writeSegment[p];
        if (s != null && (a & pageMask) <= pageSize - 2) {
            s.set(u16, writeBase[p] + (a & pageMask), (short) value);
            return;
        }
        decompose(address, value, 2);
    }

    /** Writes 32 bits in the space's byte order. */
    public void write32(int address, int value) {
        int a = address & addressMask;
        int p = a >>> pageBits;
        byte[] arr = writeArray[p];
        if (arr != null && (a & pageMask) <= pageSize - 4) {
            a32.set(arr, writeArrayBase[p] + (a & pageMask), value);
            return;
        }
        MemorySegment s = writeSegment[p];
        if (s != null && (a & pageMask) <= pageSize - 4) {
            s.set(u32, writeBase[p] + (a & pageMask), value);
            return;
        }
        decompose(address, Integer.toUnsignedLong(value), 4);
    }

    /** Writes 64 bits in the space's byte order. */
    public void write64(int address, long value) {
        int a = address & addressMask;
        int p = a >>> pageBits;
        byte[] arr = writeArray[p];
        if (arr != null && (a & pageMask) <= pageSize - 8) {
            a64.set(arr, writeArrayBase[p] + (a & pageMask), value);
            return;
        }
        MemorySegment s = writeSegment[p];
        if (s != null && (a & pageMask) <= pageSize - 8) {
            s.set(u64, writeBase[p] + (a & pageMask), value);
            return;
        }
        decompose(address, value, 8);
    }

    private long compose(int address, int bytes) {
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            long b = read8(address + i);
            v |= order == ByteOrder.LITTLE_ENDIAN ? b << (8 * i) : b << (8 * (bytes - 1 - i));
        }
        return v;
    }

    private void decompose(int address, long value, int bytes) {
        for (int i = 0; i < bytes; i++) {
            int shift = order == ByteOrder.LITTLE_ENDIAN ? 8 * i : 8 * (bytes - 1 - i);
            write8(address + i, (int) (value >>> shift));
        }
    }

    /**
     * The segment and offset that back {@code address} for reads when its page is direct, for
     * engines that fetch code in bulk; null when the page is not direct.
     */
    public MemorySegment directReadSegment(int address) {
        return readSegment[(address & addressMask) >>> pageBits];
    }

    /** Offset in {@link #directReadSegment} of {@code address}; meaningful only when that is non-null. */
    public long directReadOffset(int address) {
        int a = address & addressMask;
        return readBase[a >>> pageBits] + (a & pageMask);
    }

    /**
     * A counter that changes whenever the mapping of any page changes (an install, an unmap or
     * a {@link Bank#select} that remaps a window). Engines that cache a page's
     * {@link #directReadArray} across accesses compare it to decide whether the cache is still
     * valid. Writes to memory do not change it: a direct page's array is the memory itself.
     *
     * @return the map version; wraps around after 2^32 changes
     */
    public int mapVersion() {
        return mapVersion;
    }

    /**
     * The {@code byte[]} that backs {@code address} for reads when its page is direct RAM or ROM
     * over a heap segment ({@code MemorySegment.ofArray}, writable), for engines that read code
     * or data from an array without the page-table lookup; null when the page is anything else
     * (a handler, a bank over a handler, an off-heap or read-only segment, unmapped), in which
     * case accesses must go through {@link #read8}. The array is the memory itself, so writes
     * through {@link #write8} are visible in it at once. Valid until {@link #mapVersion} changes.
     *
     * @param address any address; bits above {@link #addressBits} are ignored
     * @return the page's backing array, shared, not a copy; never to be written through
     */
    public byte[] directReadArray(int address) {
        return readArray[(address & addressMask) >>> pageBits];
    }

    /**
     * Index in {@link #directReadArray} of {@code address}; meaningful only when that is non-null.
     * The page's bytes are at consecutive indices from {@code directReadArrayIndex(pageStart)}
     * for {@link #pageSize} bytes.
     *
     * @param address any address; bits above {@link #addressBits} are ignored
     * @return the array index, &ge; 0
     */
    public int directReadArrayIndex(int address) {
        int a = address & addressMask;
        return readArrayBase[a >>> pageBits] + (a & pageMask);
    }

    /**
     * The {@code byte[]} that {@link #write8} stores {@code address} into when its page is
     * writable direct RAM over a heap segment and not write-watched, for engines that write
     * data without the page-table lookup; null when the page is anything else (ROM, a handler,
     * a watched page, off-heap, unmapped), in which case writes must go through
     * {@link #write8}. Valid until {@link #mapVersion} changes.
     *
     * @param address any address; bits above {@link #addressBits} are ignored
     * @return the page's backing array, shared, not a copy
     */
    public byte[] directWriteArray(int address) {
        return writeArray[(address & addressMask) >>> pageBits];
    }

    /**
     * Index in {@link #directWriteArray} of {@code address}; meaningful only when that is
     * non-null.
     *
     * @param address any address; bits above {@link #addressBits} are ignored
     * @return the array index, &ge; 0
     */
    public int directWriteArrayIndex(int address) {
        int a = address & addressMask;
        return writeArrayBase[a >>> pageBits] + (a & pageMask);
    }

    void noteUnmapped(int address, boolean write) {
        int p = (address & addressMask) >>> pageBits;
        BitSet seen = write ? loggedWrites : loggedReads;
        if (!seen.get(p)) {
            seen.set(p);
            LOG.warn("{}: unmapped {} at {} (further ones on this page not logged)",
                    name, write ? "write" : "read", hex(address & addressMask));
        }
    }

    private String range(int start, int end) {
        return hex(start) + "-" + hex(end);
    }

    private String hex(int v) {
        int digits = Math.max(1, (addressBits + 3) / 4);
        return "$" + String.format("%0" + digits + "X", Integer.toUnsignedLong(v));
    }

    @Override
    public String toString() {
        return "AddressSpace[" + name + ", " + addressBits + "-bit, " + pageSize + "-byte pages, " + order + "]";
    }
}
