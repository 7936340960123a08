package dev.machina.machine.nes.apu;

/**
 * How the DMC fetches sample bytes: the machine connects this to the CPU's address space and
 * stalls the CPU for the DMA (up to 4 CPU cycles per byte; NESdev wiki "APU DMC", "DMA").
 */
@FunctionalInterface
public interface DmcMemory {
    /**
     * Reads one sample byte.
     *
     * @param address $8000..$FFFF
     * @return 0..255
     */
    int read(int address);
}
