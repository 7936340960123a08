package dev.machina.cpu.x86;

import dev.machina.core.memory.AddressSpace;

import static dev.machina.cpu.x86.X86State.CS;

/**
 * The 8086's bus interface unit as far as this engine models it: segment:offset memory access
 * on the 20-bit program space (offsets wrap within their 64 KiB segment, physical addresses at
 * 1 MiB; words are two byte accesses, low byte first), port I/O on the 16-bit I/O space,
 * instruction fetch at CS:IP through a fetch window on the current code page and the prefetch
 * queue's content model, and the running clock count ({@link #clocks}) to which word transfers
 * add their extra bus cycle. Bus-cycle timing (T-states, wait states, queue fill) is not modelled.
 */
final class BusUnit {
    private final X86State s;
    private final AddressSpace mem;
    private final AddressSpace io;

    /**
     * Clocks executed since creation (8086 clock periods): the interpreter adds each
     * instruction's figures, the bus adds 4 per two-cycle word transfer. Differences of it are
     * what {@code execute} and {@code step} return.
     */
    long clocks;

    // Word transfers that take two bus cycles: on the 8086 those at odd addresses, on the 8088
    // (8-bit bus) all of them; each costs 4 more clocks (8086 Family User's Manual, table 2-21 note).
    private final int wordMask;

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

    // Fetch window: the IPs [windowLo, windowLo + windowSpan) of the current CS whose bytes lie
    // in one direct page of the program space, read from that page's byte[] (windowCode, the
    // byte of IP windowLo at windowIndex) without the page-table walk. windowSpan is 0 when
    // there is no window: after a CS load, a port write, a new slice, or while the queue holds
    // stale bytes. Writes go to the same array, so stores into code are seen at once. IP FFFF
    // is never in a window (the next IP wraps).
    private byte[] windowCode = new byte[0];
    private int windowLo;
    private int windowSpan;
    private int windowIndex;

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

    /**
     * Called before the engine runs again: CS:IP set from outside since {@link #endInstruction}
     * (a debugger, a test) flushes the queue. Jumps and interrupts flush it themselves.
     */
    void startInstruction() {
        if (staleCount != 0 && (((s.sr[CS] << 4) + s.ip) & 0xFFFFF) != expectLin) {
            staleCount = 0;
        }
    }

    /** Called when the engine stops: where it must resume for the queue to survive. */
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
     * Writes I/O port {@code port}; drops the fetch window, as a port write may remap memory.
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
        if (d < queueSize) {
            keepQueued(lin);
        }
    }

    private void keepQueued(int lin) {
        if (staleCount < staleAddr.length && fetchQueuedPeek(lin) < 0) {
            staleAddr[staleCount] = lin;
            staleValue[staleCount++] = mem.read8(lin);
            windowSpan = 0; // fetches must now look at the queue first
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

    /**
     * Forgets the fetch window: call when CS or the program space's mapping may have changed.
     */
    void flushCodeCache() {
        windowSpan = 0;
    }

    /** The byte at CS:IP; IP advances (wrapping at 64 KiB). */
    int fetch8() {
        int ip = s.ip;
        int k = ip - windowLo;
        if (Integer.compareUnsigned(k, windowSpan) < 0) {
            s.ip = ip + 1;
            return windowCode[windowIndex + k] & 0xFF;
        }
        return fetchSlow();
    }

    /** The word at CS:IP, low byte first; IP advances by 2. */
    int fetch16() {
        int ip = s.ip;
        int k = ip - windowLo;
        if (k >= 0 && k < windowSpan - 1) {
            s.ip = ip + 2;
            int i = windowIndex + k;
            byte[] code = windowCode;
            return (code[i] & 0xFF) | (code[i + 1] & 0xFF) << 8;
        }
        int lo = fetch8();
        return lo | (fetch8() << 8);
    }

    private int fetchSlow() {
        int ip = s.ip;
        int lin = ((s.sr[CS] << 4) + ip) & 0xFFFFF;
        s.ip = (ip + 1) & 0xFFFF;
        if (staleCount != 0) {
            int q = fetchQueued(lin);
            if (q >= 0) {
                return q;
            }
            return mem.read8(lin);
        }
        byte[] code = mem.directReadArray(lin);
        if (code != null) {
            int page = lin & -mem.pageSize();
            int lo = Math.max(0, ip - (lin - page));
            int hi = Math.min(0xFFFF, ip + (page + mem.pageSize() - lin));
            windowCode = code;
            windowLo = lo;
            windowSpan = hi - lo;
            windowIndex = mem.directReadArrayIndex(lin) - (ip - lo);
        }
        return mem.read8(lin);
    }

    /** A byte ({@code bits} 8) or word (16) at {@code sreg:off}. */
    int rd(int bits, int sreg, int off) {
        return bits == 8 ? rd8(sreg, off) : rd16(sreg, off);
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
        clocks += ((off | wordMask) & 1) << 2;
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
        clocks += ((off | wordMask) & 1) << 2;
        wr8(sreg, off, v);
        wr8(sreg, off + 1, v >>> 8);
    }

}
