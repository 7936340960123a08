package dev.machina.cpu.m6502;

/**
 * Called by the CPU at the start of every bus cycle, before the read or write is performed, so
 * a machine can step tightly coupled chips once per CPU cycle (the NES PPU and APU, Mesen-style
 * catch-up) or trace the bus. Every 6502 cycle is a bus cycle, so the calls count cycles
 * exactly. Without a hook installed the CPU pays one null check per cycle.
 */
@FunctionalInterface
public interface BusCycleHook {
    /** A data read. */
    int READ = 0;
    /** A data write. */
    int WRITE = 1;
    /** An opcode fetch (the SYNC pin is high). */
    int FETCH = 2;

    /**
     * @param address the address about to be accessed, 0..65535
     * @param kind    {@link #READ}, {@link #WRITE} or {@link #FETCH}
     */
    void beforeCycle(int address, int kind);
}
