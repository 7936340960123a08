package dev.machina.cpu.x86;

import dev.machina.core.memory.AddressSpace;

import static dev.machina.cpu.x86.X86State.CS;

/**
 * The 8086's bus interface unit as far as this engine models it: segment:offset memory access
 * on the 20-bit program space (offsets wrap within their 64 KiB segment, physical addresses at
 * 1 MiB; words are two byte accesses, low byte first), port I/O on the 16-bit I/O space, and
 * instruction fetch at CS:IP through a code-fetch cache and the prefetch queue's content model.
 * Bus-cycle timing (T-states, wait states, queue fill) is not modelled.
 */
final class BusUnit {
    private final X86State s;
    private final AddressSpace mem;
    private final AddressSpace io;

    // Prefetch queue, content model: at each instruction boundary the queue is taken as full
    // (queueSize bytes from CS:IP on), as it is when the bus has had time to fill it. A store
    // into those bytes does not change what executes: the queue keeps the old byte, which
    // fetch8 returns (entries in staleAddr/staleValue) until a jump or interrupt flushes the
    // queue. This is what makes the 8086 (6 bytes) and 8088 (4 bytes) tell themselves apart in
    // self-modifying code; the bus-cycle timing of the queue is not modelled.
    private final int queueSize;
    private final int[] staleAddr = new int[8];
    private final int[] staleValue = new int[8];
    private int staleCount;
    private int expectLin;     // where the next instruction must start for the queue to survive

    /**
     * @param queueSize prefetch queue length in bytes: 6 for the 8086, 4 for the 8088
     */
    BusUnit(X86State s, AddressSpace mem, AddressSpace io, int queueSize) {
        this.s = s;
        this.mem = mem;
        this.io = io;
        this.queueSize = queueSize;
        this.wordMask = queueSize == 4 ? 1 : 0;
    }

    // Word transfers that take two bus cycles: on the 8086 those at odd addresses, on the 8088
    // (8-bit bus) all of them; each costs 4 more clocks (8086 Family User's Manual, table 2-21 note).
    private final int wordMask;
    private int wordClocks;

    /** Extra clocks of two-cycle word transfers since the last call, and resets the count. */
    int takeWordClocks() {
        int c = wordClocks << 2;
        wordClocks = 0;
        return c;
    }

    /** Called before an instruction's first fetch: a jump or interrupt since the last one flushed the queue. */
    void startInstruction() {
        if (staleCount != 0 && (((s.sr[CS] << 4) + s.ip) & 0xFFFFF) != expectLin) {
            staleCount = 0;
        }
    }

    /** Called after an instruction: where the next must start for the queue to survive. */
    void endInstruction() {
        if (staleCount != 0) {
            expectLin = ((s.sr[CS] << 4) + s.ip) & 0xFFFFF;
        }
    }

    /** A word at physical {@code address} (e.g. an interrupt vector), low byte first. */
    int readPhysical16(int address) {
        return mem.read8(address) | (mem.read8(address + 1) << 8);
    }

    /** Reads I/O port {@code port} (0..0xFFFF), 0..255. */
    int in8(int port) {
        return io.read8(port);
    }

    /**
     * Writes I/O port {@code port}; drops the code-fetch cache, as a port write may remap memory.
     */
    void out8(int port, int value) {
        io.write8(port, value);
        flushCodeCache();
    }

    /** Flushes the prefetch queue model (jumps, interrupts, reset, state load). */
    void flushQueue() {
        staleCount = 0;
    }

    private int fetchQueued(int lin) {
        for (int i = 0; i < staleCount; i++) {
            if (staleAddr[i] == lin) {
                int v = staleValue[i];
                staleAddr[i] = staleAddr[--staleCount];
                staleValue[i] = staleValue[staleCount];
                return v;
            }
        }
        return -1;
    }

    /** Before a store to physical {@code lin}: keeps the old byte when it is already in the queue. */
    private void noteStore(int lin) {
        int d = (lin - (((s.sr[CS] << 4) + s.ip) & 0xFFFFF)) & 0xFFFFF;
        if (d < queueSize && staleCount < staleAddr.length && fetchQueuedPeek(lin) < 0) {
            staleAddr[staleCount] = lin;
            staleValue[staleCount++] = mem.read8(lin);
        }
    }

    private int fetchQueuedPeek(int lin) {
        for (int i = 0; i < staleCount; i++) {
            if (staleAddr[i] == lin) {
                return i;
            }
        }
        return -1;
    }

    // Code-fetch cache: the heap array behind the direct page last fetched from, so instruction
    // bytes are read without the page-table walk. Dropped at each slice and after port output
    // (a machine remaps pages from I/O handlers); writes go to the same array, so stores into
    // code are seen at once.
    private byte[] codeArray;
    private int codePage = -1;   // linear address of the cached page
    private int codeSize;        // 0 when nothing is cached
    private int codeBase;        // index of the page's first byte in codeArray

    /** Forgets the code-fetch cache (call when the program space's mapping may have changed). */
    void flushCodeCache() {
        codeSize = 0;
        codeArray = null;
    }

    int fetch8() {
        int ip = s.ip;
        int lin = ((s.sr[CS] << 4) + ip) & 0xFFFFF;
        s.ip = (ip + 1) & 0xFFFF;
        if (staleCount != 0) {
            int q = fetchQueued(lin);
            if (q >= 0) {
                return q;
            }
        }
        int d = lin - codePage;
        if (d >= 0 && d < codeSize) {
            return codeArray[codeBase + d] & 0xFF;
        }
        return fetchSlow(lin);
    }

    private int fetchSlow(int lin) {
        int v = mem.read8(lin);
        java.lang.foreign.MemorySegment seg = mem.directReadSegment(lin);
        if (seg != null && seg.heapBase().orElse(null) instanceof byte[] arr) {
            int page = lin & -mem.pageSize();
            long base = seg.address() + mem.directReadOffset(page);
            if (base >= 0 && base + mem.pageSize() <= arr.length && (arr[(int) base + (lin - page)] & 0xFF) == v) {
                codeArray = arr;
                codePage = page;
                codeBase = (int) base;
                codeSize = mem.pageSize();
            }
        }
        return v;
    }

    int fetch16() {
        int lo = fetch8();
        return lo | (fetch8() << 8);
    }

    int rd8(int sreg, int off) {
        return mem.read8((s.sr[sreg] << 4) + (off & 0xFFFF));
    }

    /**
     * A word at {@code sreg:off}: two byte accesses, the second at offset+1 within the segment
     * (so offset FFFF wraps to 0, as the 8086 does); two plain array reads on RAM pages are
     * cheaper than the address space's 16-bit accessor (docs/PERFORMANCE.md).
     */
    int rd16(int sreg, int off) {
        wordClocks += (off | wordMask) & 1;
        int base = s.sr[sreg] << 4;
        return mem.read8(base + (off & 0xFFFF)) | (mem.read8(base + ((off + 1) & 0xFFFF)) << 8);
    }

    void wr8(int sreg, int off, int v) {
        int lin = ((s.sr[sreg] << 4) + (off & 0xFFFF)) & 0xFFFFF;
        noteStore(lin);
        mem.write8(lin, v);
    }

    /** Writes a word as two byte accesses, low byte first, wrapping within the segment. */
    void wr16(int sreg, int off, int v) {
        wordClocks += (off | wordMask) & 1;
        wr8(sreg, off, v);
        wr8(sreg, off + 1, v >>> 8);
    }

}
