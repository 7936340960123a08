package dev.machina.machine.nes.ppu;

/**
 * The PPU's 32 bytes of palette RAM at $3F00-$3F1F, mirrored through $3FFF; entries
 * $3F10/$3F14/$3F18/$3F1C are mirrors of $3F00/$3F04/$3F08/$3F0C. Entries are 6 bits.
 * NESdev wiki, "PPU palettes".
 */
public final class PaletteRam {
    private final byte[] ram = new byte[32];
    private int version;

    private static int index(int address) {
        int i = address & 0x1F;
        return (i & 0x13) == 0x10 ? i & 0x0F : i;
    }

    /** The 6-bit entry at PPU address {@code address} ($3F00-$3FFF; higher bits ignored). */
    public int read(int address) {
        return ram[index(address)] & 0x3F;
    }

    /** Writes the low 6 bits of {@code value}. */
    public void write(int address, int value) {
        ram[index(address)] = (byte) (value & 0x3F);
        version++;
    }

    /** The 32 entries (a copy), for save states. */
    byte[] snapshot() {
        return ram.clone();
    }

    /** Restores {@link #snapshot()}. */
    void restore(byte[] entries) {
        for (int i = 0; i < 32; i++) {
            ram[i] = (byte) (entries[i] & 0x3F);
        }
        version++;
    }

    /** Incremented by every write, so renderers can cache colours. */
    public int version() {
        return version;
    }
}
