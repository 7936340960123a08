package dev.machina.machine.nes.cart;

/**
 * Nametable mirroring: which of the console's two 1 KiB CIRAM pages (or the cartridge's extra
 * VRAM) each of the four logical nametables at PPU $2000, $2400, $2800 and $2C00 shows.
 * Follows the NESdev wiki, "Mirroring" (nametable mirroring).
 */
public enum Mirroring {
    /** Horizontal arrangement ($2000=$2400, $2800=$2C00): vertical scrolling games. iNES flag 6 bit 0 = 0. */
    HORIZONTAL(0, 0, 1, 1),
    /** Vertical arrangement ($2000=$2800, $2400=$2C00): horizontal scrolling games. iNES flag 6 bit 0 = 1. */
    VERTICAL(0, 1, 0, 1),
    /** All four nametables show CIRAM page 0 (mapper-controlled, e.g. AxROM, MMC1). */
    SINGLE_SCREEN_LOWER(0, 0, 0, 0),
    /** All four nametables show CIRAM page 1 (mapper-controlled). */
    SINGLE_SCREEN_UPPER(1, 1, 1, 1),
    /** Four distinct nametables: two in CIRAM, two in 2 KiB of cartridge VRAM. iNES flag 6 bit 3. */
    FOUR_SCREEN(0, 1, 2, 3);

    private final int[] pages;

    Mirroring(int... pages) {
        this.pages = pages;
    }

    /**
     * The 1 KiB page (0..3; 2 and 3 exist only with four-screen VRAM) that logical nametable
     * {@code index} (0..3, i.e. PPU address bits 11-10) shows.
     */
    public int page(int index) {
        return pages[index & 3];
    }
}
