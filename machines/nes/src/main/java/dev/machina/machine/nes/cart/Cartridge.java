package dev.machina.machine.nes.cart;

import java.util.Objects;

/**
 * A loaded NES cartridge image: its header and ROM contents. PRG-RAM and CHR-RAM are not part
 * of the image; mappers allocate them from the header's sizes.
 *
 * @param name    the file name, for messages
 * @param header  the decoded header
 * @param prgRom  PRG-ROM, {@code header.prgRomSize()} bytes
 * @param chrRom  CHR-ROM, {@code header.chrRomSize()} bytes (empty with CHR-RAM)
 * @param trainer the 512-byte trainer (loaded at CPU $7000 by some boards), or null
 */
public record Cartridge(String name, NesHeader header, byte[] prgRom, byte[] chrRom, byte[] trainer) {
    public Cartridge {
        Objects.requireNonNull(name);
        Objects.requireNonNull(header);
        Objects.requireNonNull(prgRom);
        Objects.requireNonNull(chrRom);
    }
}
