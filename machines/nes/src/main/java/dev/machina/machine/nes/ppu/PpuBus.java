package dev.machina.machine.nes.ppu;

/**
 * The PPU's 14-bit address bus as the cartridge sees it: pattern tables at $0000-$1FFF and
 * nametables at $2000-$3EFF (palette RAM at $3F00-$3FFF is inside the PPU and never reaches
 * the bus). The PPU calls {@link #read} for every memory fetch it makes while rendering and for
 * $2007 accesses, so a mapper sees every address the real PPU drives and can watch A12
 * (MMC3's scanline counter, NESdev wiki "MMC3", "IRQ Specifics").
 */
public interface PpuBus {

    /**
     * Reads one byte.
     *
     * @param address PPU address, 0..$3FFF (callers never pass palette addresses)
     * @return 0..255
     */
    int read(int address);

    /** Writes one byte ({@code $2007}); {@code address} 0..$3FFF, {@code value} 0..255. */
    void write(int address, int value);

    /**
     * The PPU drives {@code address} on the bus without a data transfer (after the second $2006
     * write the address bus shows v). Default: nothing to do.
     */
    default void address(int address) {
    }

    /**
     * True when the bus reacts to the addresses the PPU drives (MMC3's A12 scanline counter), so
     * the PPU must run every dot on time instead of catching up later ({@link Ppu#owe}).
     * Default: false (reads have no side effects).
     */
    default boolean watchesAddresses() {
        return false;
    }
}
