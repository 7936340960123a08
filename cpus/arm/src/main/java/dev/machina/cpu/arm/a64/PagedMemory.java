package dev.machina.cpu.arm.a64;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A sparse, little-endian 48-bit virtual address space of 4 KiB pages, as a Linux process sees
 * it: each mapped page is a heap {@code byte[4096]} with its own protection (read, write,
 * execute). Pages are found through a three-level table (address bits 47..36, 35..24, 23..12)
 * and cached in small direct-mapped translation caches, one per access kind, so the hot path is
 * a tag compare and a {@link VarHandle} array access.
 *
 * <p>Why not {@code core}'s {@code AddressSpace}: that one covers 32-bit buses with device
 * handlers; Linux user mode needs 2^48 bytes mapped sparsely with page protections and
 * mmap/munmap/mprotect. This class holds only pages and permissions; where to place mappings
 * (mmap hints, brk) is the machine's business.
 *
 * <p>Accesses to an unmapped page, or one without the needed permission, throw {@link
 * MemoryFault}, which the CPU turns into {@code SIGSEGV} for the guest.
 */
public final class PagedMemory {
    /** log2 of the page size. */
    public static final int PAGE_BITS = 12;
    /** Page size in bytes: 4096. */
    public static final int PAGE_SIZE = 1 << PAGE_BITS;
    /** Protection bit: readable (Linux PROT_READ). */
    public static final int PROT_READ = 1;
    /** Protection bit: writable (Linux PROT_WRITE). */
    public static final int PROT_WRITE = 2;
    /** Protection bit: executable (Linux PROT_EXEC). */
    public static final int PROT_EXEC = 4;
    /** One past the highest user address: 2^48. */
    public static final long LIMIT = 1L << 48;

    private static final VarHandle LE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final int TLB = 1024;
    /** Entries of the read and the write translation cache ({@link #readTags}, {@link #writeTags}), a power of two. */
    public static final int TLB_ENTRIES = TLB;

    /** A mapped page: its bytes and protection. */
    private static final class Page {
        final byte[] data = new byte[PAGE_SIZE];
        int prot;
        /** True while translated code was made from this page: stores take the slow path and tell the {@link CodeWatcher}. */
        boolean code;

        Page(int prot) {
            this.prot = prot;
        }
    }

    private final Page[][][] dir = new Page[4096][][];
    private final long[] readTag = new long[TLB];
    private final byte[][] readData = new byte[TLB][];
    private final long[] writeTag = new long[TLB];
    private final byte[][] writeData = new byte[TLB][];
    private final long[] execTag = new long[TLB];
    private final byte[][] execData = new byte[TLB][];
    private long mappedPages;
    private CodeWatcher codeWatcher;
    private WriteLog writeLog;

    /**
     * Told when guest code that was translated may have changed: a store into a page marked with
     * {@link #markCode}, or a mapping change (map, unmap, protect, move) over any range. A
     * recompiler drops its blocks there (DESIGN.md, Recompilers).
     */
    public interface CodeWatcher {
        /** A store of any width is about to write {@code address}, on a page marked as code. */
        void codeWritten(long address);

        /** The pages of {@code [start, endExclusive)} were remapped, unmapped or changed protection. */
        void remapped(long start, long endExclusive);
    }

    /**
     * Records the bytes a store is about to overwrite (the lockstep checker uses it to undo a
     * block's stores and compare two runs). While a log is set every store takes the slow path.
     */
    public interface WriteLog {
        /** A store is about to write at {@code offset} of the page array {@code page}. */
        void before(byte[] page, int offset);
    }

    /** An empty address space. */
    public PagedMemory() {
        flushTlb();
    }

    private void flushTlb() {
        Arrays.fill(readTag, -1);
        Arrays.fill(writeTag, -1);
        Arrays.fill(execTag, -1);
        Arrays.fill(readData, null);
        Arrays.fill(writeData, null);
        Arrays.fill(execData, null);
    }

    private Page page(long pageNumber) {
        Page[][] mid = dir[(int) (pageNumber >>> 24) & 0xfff];
        if (mid == null) {
            return null;
        }
        Page[] leaf = mid[(int) (pageNumber >>> 12) & 0xfff];
        return leaf == null ? null : leaf[(int) pageNumber & 0xfff];
    }

    private void setPage(long pageNumber, Page p) {
        int i = (int) (pageNumber >>> 24) & 0xfff;
        int j = (int) (pageNumber >>> 12) & 0xfff;
        if (dir[i] == null) {
            if (p == null) {
                return;
            }
            dir[i] = new Page[4096][];
        }
        if (dir[i][j] == null) {
            if (p == null) {
                return;
            }
            dir[i][j] = new Page[4096];
        }
        Page old = dir[i][j][(int) pageNumber & 0xfff];
        if (old != null) {
            mappedPages--;
        }
        if (p != null) {
            mappedPages++;
        }
        dir[i][j][(int) pageNumber & 0xfff] = p;
    }

    private static void checkRange(long address, long length) {
        if ((address & (PAGE_SIZE - 1)) != 0 || length < 0 || address < 0 || address + length > LIMIT || address + length < address) {
            throw new IllegalArgumentException("bad page range 0x" + Long.toHexString(address) + "+0x" + Long.toHexString(length));
        }
    }

    /**
     * Maps fresh zero-filled pages over {@code [address, address+length)}, replacing whatever
     * was mapped there (Linux {@code MAP_FIXED}).
     *
     * @param address page-aligned start, below {@link #LIMIT}
     * @param length  bytes, rounded up to whole pages
     * @param prot    {@link #PROT_READ} | {@link #PROT_WRITE} | {@link #PROT_EXEC}
     * @throws IllegalArgumentException for an unaligned or out-of-range request
     */
    public void map(long address, long length, int prot) {
        long len = roundUp(length);
        checkRange(address, len);
        for (long p = address >>> PAGE_BITS, end = (address + len) >>> PAGE_BITS; p < end; p++) {
            setPage(p, new Page(prot));
        }
        flushTlb();
        remapped(address, address + len);
    }

    /** Removes the pages of {@code [address, address+length)}; unmapped pages are ignored. */
    public void unmap(long address, long length) {
        long len = roundUp(length);
        checkRange(address, len);
        for (long p = address >>> PAGE_BITS, end = (address + len) >>> PAGE_BITS; p < end; p++) {
            setPage(p, null);
        }
        flushTlb();
        remapped(address, address + len);
    }

    /**
     * Changes the protection of the mapped pages of the range.
     *
     * @return false when some page of the range is not mapped (Linux answers ENOMEM)
     */
    public boolean protect(long address, long length, int prot) {
        long len = roundUp(length);
        checkRange(address, len);
        boolean all = true;
        for (long p = address >>> PAGE_BITS, end = (address + len) >>> PAGE_BITS; p < end; p++) {
            Page pg = page(p);
            if (pg == null) {
                all = false;
            } else {
                pg.prot = prot;
            }
        }
        flushTlb();
        remapped(address, address + len);
        return all;
    }

    /** Moves the pages of {@code [from, from+length)} to {@code to} (for mremap); holes stay holes. */
    public void move(long from, long to, long length) {
        long len = roundUp(length);
        checkRange(from, len);
        checkRange(to, len);
        long n = len >>> PAGE_BITS;
        Page[] tmp = new Page[(int) n];
        for (long i = 0; i < n; i++) {
            tmp[(int) i] = page((from >>> PAGE_BITS) + i);
            setPage((from >>> PAGE_BITS) + i, null);
        }
        for (long i = 0; i < n; i++) {
            setPage((to >>> PAGE_BITS) + i, tmp[(int) i]);
        }
        flushTlb();
        remapped(from, from + len);
        remapped(to, to + len);
    }

    private void remapped(long start, long end) {
        if (codeWatcher != null) {
            codeWatcher.remapped(start, end);
        }
    }

    /** Sets who is told about stores into code pages and mapping changes (null: nobody). */
    public void setCodeWatcher(CodeWatcher w) {
        codeWatcher = w;
    }

    /**
     * Marks or unmarks the page {@code pageNumber} ({@code address >>> PAGE_BITS}) as holding
     * translated code. While marked, every store to it goes through the slow path and calls
     * {@link CodeWatcher#codeWritten} before writing. An unmapped page is ignored.
     */
    public void markCode(long pageNumber, boolean marked) {
        Page p = pageNumber >= 0 && pageNumber < (LIMIT >>> PAGE_BITS) ? page(pageNumber) : null;
        if (p != null) {
            p.code = marked;
        }
        int i = (int) pageNumber & (TLB - 1);
        if (writeTag[i] == pageNumber) {
            writeTag[i] = -1;
            writeData[i] = null;
        }
    }

    /** Starts (or with null stops) logging stores; see {@link WriteLog}. */
    public void setWriteLog(WriteLog log) {
        writeLog = log;
        Arrays.fill(writeTag, -1);
        Arrays.fill(writeData, null);
    }

    /** A deep copy of every page and its protection (for fork). */
    public PagedMemory copy() {
        PagedMemory m = new PagedMemory();
        for (int i = 0; i < dir.length; i++) {
            if (dir[i] == null) {
                continue;
            }
            for (int j = 0; j < 4096; j++) {
                Page[] leaf = dir[i][j];
                if (leaf == null) {
                    continue;
                }
                for (int k = 0; k < 4096; k++) {
                    Page p = leaf[k];
                    if (p != null) {
                        Page q = new Page(p.prot);
                        System.arraycopy(p.data, 0, q.data, 0, PAGE_SIZE);
                        m.setPage((long) i << 24 | (long) j << 12 | k, q);
                    }
                }
            }
        }
        return m;
    }

    /** True when the page holding {@code address} is mapped. */
    public boolean isMapped(long address) {
        return address >= 0 && address < LIMIT && page(address >>> PAGE_BITS) != null;
    }

    /** The protection of the page holding {@code address}, or -1 when it is not mapped. */
    public int protection(long address) {
        Page p = address >= 0 && address < LIMIT ? page(address >>> PAGE_BITS) : null;
        return p == null ? -1 : p.prot;
    }

    /** True when no page of {@code [address, address+length)} is mapped and the range is in bounds. */
    public boolean isFree(long address, long length) {
        long len = roundUp(length);
        if (address < 0 || address + len > LIMIT) {
            return false;
        }
        for (long p = address >>> PAGE_BITS, end = (address + len) >>> PAGE_BITS; p < end; p++) {
            if (page(p) != null) {
                return false;
            }
        }
        return true;
    }

    /** Number of mapped pages. */
    public long mappedPages() {
        return mappedPages;
    }

    /** {@code length} rounded up to a multiple of the page size. */
    public static long roundUp(long length) {
        return (length + PAGE_SIZE - 1) & -PAGE_SIZE;
    }

    // ---- translation-cache misses -----------------------------------------------------------

    private byte[] missRead(long address) {
        Page p = address >= 0 && address < LIMIT ? page(address >>> PAGE_BITS) : null;
        if (p == null || (p.prot & PROT_READ) == 0) {
            throw new MemoryFault(address, false, p != null);
        }
        int i = (int) (address >>> PAGE_BITS) & (TLB - 1);
        readTag[i] = address >>> PAGE_BITS;
        readData[i] = p.data;
        return p.data;
    }

    private byte[] missWrite(long address) {
        Page p = address >= 0 && address < LIMIT ? page(address >>> PAGE_BITS) : null;
        if (p == null || (p.prot & PROT_WRITE) == 0) {
            throw new MemoryFault(address, true, p != null);
        }
        if (p.code && codeWatcher != null) {
            codeWatcher.codeWritten(address);
        }
        if (writeLog != null) {
            writeLog.before(p.data, (int) address & (PAGE_SIZE - 1));
            return p.data;
        }
        if (p.code) {
            return p.data;
        }
        int i = (int) (address >>> PAGE_BITS) & (TLB - 1);
        writeTag[i] = address >>> PAGE_BITS;
        writeData[i] = p.data;
        return p.data;
    }

    private byte[] missExec(long address) {
        Page p = address >= 0 && address < LIMIT ? page(address >>> PAGE_BITS) : null;
        if (p == null || (p.prot & PROT_EXEC) == 0) {
            throw new MemoryFault(address, false, p != null);
        }
        int i = (int) (address >>> PAGE_BITS) & (TLB - 1);
        execTag[i] = address >>> PAGE_BITS;
        execData[i] = p.data;
        return p.data;
    }

    private byte[] pageR(long address) {
        long pn = address >>> PAGE_BITS;
        int i = (int) pn & (TLB - 1);
        return readTag[i] == pn ? readData[i] : missRead(address);
    }

    private byte[] pageW(long address) {
        long pn = address >>> PAGE_BITS;
        int i = (int) pn & (TLB - 1);
        return writeTag[i] == pn ? writeData[i] : missWrite(address);
    }

    /**
     * The bytes of the executable page holding {@code address} (for instruction fetch).
     *
     * @throws MemoryFault when it is unmapped or not executable
     */
    public byte[] codePage(long address) {
        long pn = address >>> PAGE_BITS;
        int i = (int) pn & (TLB - 1);
        return execTag[i] == pn ? execData[i] : missExec(address);
    }

    /** Fetches the little-endian instruction word at {@code address} (4-aligned). */
    public int fetch32(long address) {
        return (int) LE32.get(codePage(address), (int) address & (PAGE_SIZE - 1));
    }

    // ---- data accesses ----------------------------------------------------------------------

    // The accessors test the translation cache inline and leave misses and page-crossing accesses
    // to separate methods, so that they stay small enough for HotSpot to inline into callers
    // (translated blocks call them directly).

    /**
     * The read translation cache's tags, for translated code that probes it inline: entry
     * {@code i} (of {@link #TLB_ENTRIES}) holds the page number ({@code address >>> PAGE_BITS})
     * of a readable page whose bytes are {@link #readPages()}{@code [i]}, or -1. The array is the
     * same for the memory's lifetime (flushes and refills change its entries); a miss must go
     * through {@link #read8} and the other accessors, which refill it.
     */
    public long[] readTags() {
        return readTag;
    }

    /** The pages ({@link #PAGE_SIZE} bytes each) of the read translation cache's entries; see {@link #readTags}. */
    public byte[][] readPages() {
        return readData;
    }

    /** The little-endian halfword at {@code off} (0..PAGE_SIZE-2) of {@code page}, zero-extended. */
    public static int le16(byte[] page, int off) {
        return (short) LE16.get(page, off) & 0xffff;
    }

    /** The little-endian word at {@code off} (0..PAGE_SIZE-4) of {@code page}. */
    public static int le32(byte[] page, int off) {
        return (int) LE32.get(page, off);
    }

    /** The little-endian doubleword at {@code off} (0..PAGE_SIZE-8) of {@code page}. */
    public static long le64(byte[] page, int off) {
        return (long) LE64.get(page, off);
    }

    /**
     * The write translation cache's tags, as {@link #readTags} for writes: an entry holds only a
     * writable page without translated code, and none while a write log is set, so a hit may be
     * written directly; a miss must go through {@link #write8} and the other accessors.
     */
    public long[] writeTags() {
        return writeTag;
    }

    /** The pages of the write translation cache's entries; see {@link #writeTags}. */
    public byte[][] writePages() {
        return writeData;
    }

    /** Stores the little-endian halfword {@code v} (low 16 bits) at {@code off} (0..PAGE_SIZE-2) of {@code page}. */
    public static void put16(byte[] page, int off, int v) {
        LE16.set(page, off, (short) v);
    }

    /** Stores the little-endian word {@code v} at {@code off} (0..PAGE_SIZE-4) of {@code page}. */
    public static void put32(byte[] page, int off, int v) {
        LE32.set(page, off, v);
    }

    /** Stores the little-endian doubleword {@code v} at {@code off} (0..PAGE_SIZE-8) of {@code page}. */
    public static void put64(byte[] page, int off, long v) {
        LE64.set(page, off, v);
    }

    /** Reads one byte, zero-extended. @throws MemoryFault when not readable */
    public int read8(long a) {
        long pn = a >>> PAGE_BITS;
        int i = (int) pn & (TLB - 1);
        if (readTag[i] == pn) {
            return readData[i][(int) a & (PAGE_SIZE - 1)] & 0xff;
        }
        return missRead(a)[(int) a & (PAGE_SIZE - 1)] & 0xff;
    }

    /** Reads a little-endian halfword, zero-extended. @throws MemoryFault when not readable */
    public int read16(long a) {
        long pn = a >>> PAGE_BITS;
        int i = (int) pn & (TLB - 1);
        int off = (int) a & (PAGE_SIZE - 1);
        if (readTag[i] == pn && off <= PAGE_SIZE - 2) {
            return le16(readData[i], off);
        }
        return read16Slow(a);
    }

    private int read16Slow(long a) {
        int off = (int) a & (PAGE_SIZE - 1);
        if (off <= PAGE_SIZE - 2) {
            return (short) LE16.get(pageR(a), off) & 0xffff;
        }
        return read8(a) | read8(a + 1) << 8;
    }

    /** Reads a little-endian word. @throws MemoryFault when not readable */
    public int read32(long a) {
        long pn = a >>> PAGE_BITS;
        int i = (int) pn & (TLB - 1);
        int off = (int) a & (PAGE_SIZE - 1);
        if (readTag[i] == pn && off <= PAGE_SIZE - 4) {
            return le32(readData[i], off);
        }
        return read32Slow(a);
    }

    private int read32Slow(long a) {
        int off = (int) a & (PAGE_SIZE - 1);
        if (off <= PAGE_SIZE - 4) {
            return (int) LE32.get(pageR(a), off);
        }
        return read16(a) | read16(a + 2) << 16;
    }

    /** Reads a little-endian doubleword. @throws MemoryFault when not readable */
    public long read64(long a) {
        long pn = a >>> PAGE_BITS;
        int i = (int) pn & (TLB - 1);
        int off = (int) a & (PAGE_SIZE - 1);
        if (readTag[i] == pn && off <= PAGE_SIZE - 8) {
            return le64(readData[i], off);
        }
        return read64Slow(a);
    }

    private long read64Slow(long a) {
        int off = (int) a & (PAGE_SIZE - 1);
        if (off <= PAGE_SIZE - 8) {
            return (long) LE64.get(pageR(a), off);
        }
        return (read32(a) & 0xffffffffL) | (long) read32(a + 4) << 32;
    }

    /** Writes one byte. @throws MemoryFault when not writable */
    public void write8(long a, int v) {
        long pn = a >>> PAGE_BITS;
        int i = (int) pn & (TLB - 1);
        if (writeTag[i] == pn) {
            writeData[i][(int) a & (PAGE_SIZE - 1)] = (byte) v;
            return;
        }
        missWrite(a)[(int) a & (PAGE_SIZE - 1)] = (byte) v;
    }

    /** Writes a little-endian halfword. @throws MemoryFault when not writable */
    public void write16(long a, int v) {
        long pn = a >>> PAGE_BITS;
        int i = (int) pn & (TLB - 1);
        int off = (int) a & (PAGE_SIZE - 1);
        if (writeTag[i] == pn && off <= PAGE_SIZE - 2) {
            put16(writeData[i], off, v);
            return;
        }
        write16Slow(a, v);
    }

    private void write16Slow(long a, int v) {
        int off = (int) a & (PAGE_SIZE - 1);
        if (off <= PAGE_SIZE - 2) {
            LE16.set(pageW(a), off, (short) v);
            return;
        }
        pageW(a + 1);
        write8(a, v);
        write8(a + 1, v >>> 8);
    }

    /** Writes a little-endian word. @throws MemoryFault when not writable */
    public void write32(long a, int v) {
        long pn = a >>> PAGE_BITS;
        int i = (int) pn & (TLB - 1);
        int off = (int) a & (PAGE_SIZE - 1);
        if (writeTag[i] == pn && off <= PAGE_SIZE - 4) {
            put32(writeData[i], off, v);
            return;
        }
        write32Slow(a, v);
    }

    private void write32Slow(long a, int v) {
        int off = (int) a & (PAGE_SIZE - 1);
        if (off <= PAGE_SIZE - 4) {
            LE32.set(pageW(a), off, v);
            return;
        }
        pageW(a + 3);
        write16(a, v);
        write16(a + 2, v >>> 16);
    }

    /** Writes a little-endian doubleword. @throws MemoryFault when not writable */
    public void write64(long a, long v) {
        long pn = a >>> PAGE_BITS;
        int i = (int) pn & (TLB - 1);
        int off = (int) a & (PAGE_SIZE - 1);
        if (writeTag[i] == pn && off <= PAGE_SIZE - 8) {
            put64(writeData[i], off, v);
            return;
        }
        write64Slow(a, v);
    }

    private void write64Slow(long a, long v) {
        int off = (int) a & (PAGE_SIZE - 1);
        if (off <= PAGE_SIZE - 8) {
            LE64.set(pageW(a), off, v);
            return;
        }
        pageW(a + 7);
        write32(a, (int) v);
        write32(a + 4, (int) (v >>> 32));
    }

    // ---- bulk helpers for loaders and syscalls ----------------------------------------------

    /** Copies {@code len} bytes from {@code src[off..]} to guest {@code address} (needs write permission unless {@code force}). */
    public void copyIn(long address, byte[] src, int off, int len, boolean force) {
        for (int i = 0; i < len; ) {
            long a = address + i;
            byte[] data;
            if (force) {
                Page p = a >= 0 && a < LIMIT ? page(a >>> PAGE_BITS) : null;
                if (p == null) {
                    throw new MemoryFault(a, true, false);
                }
                if (p.code && codeWatcher != null) {
                    codeWatcher.codeWritten(a);
                }
                data = p.data;
            } else {
                data = pageW(a);
            }
            int o = (int) a & (PAGE_SIZE - 1);
            int n = Math.min(len - i, PAGE_SIZE - o);
            System.arraycopy(src, off + i, data, o, n);
            i += n;
        }
    }

    /** Copies {@code len} guest bytes at {@code address} into {@code dst[off..]} (needs read permission). */
    public void copyOut(long address, byte[] dst, int off, int len) {
        for (int i = 0; i < len; ) {
            long a = address + i;
            byte[] data = pageR(a);
            int o = (int) a & (PAGE_SIZE - 1);
            int n = Math.min(len - i, PAGE_SIZE - o);
            System.arraycopy(data, o, dst, off + i, n);
            i += n;
        }
    }

    /** Fills {@code len} bytes at {@code address} with zero (needs write permission). */
    public void zero(long address, long len) {
        for (long i = 0; i < len; ) {
            long a = address + i;
            byte[] data = pageW(a);
            int o = (int) a & (PAGE_SIZE - 1);
            int n = (int) Math.min(len - i, PAGE_SIZE - o);
            Arrays.fill(data, o, o + n, (byte) 0);
            i += n;
        }
    }

    /**
     * Reads a NUL-terminated string of at most {@code max} bytes.
     *
     * @throws MemoryFault when it runs into an unreadable page
     */
    public byte[] readCString(long address, int max) {
        int n = 0;
        while (n < max && read8(address + n) != 0) {
            n++;
        }
        byte[] b = new byte[n];
        copyOut(address, b, 0, n);
        return b;
    }
}
