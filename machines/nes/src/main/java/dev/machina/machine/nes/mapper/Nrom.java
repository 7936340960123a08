package dev.machina.machine.nes.mapper;

import dev.machina.machine.nes.cart.Cartridge;

/**
 * Mapper 0, NROM: 16 KiB PRG-ROM mirrored at $8000 and $C000, or 32 KiB at $8000; 8 KiB CHR;
 * fixed mirroring; optional PRG-RAM (Family BASIC). NESdev wiki, "NROM".
 */
public final class Nrom extends Mapper {
    /** The board for {@code cartridge}, in its power-on state. */
    public Nrom(Cartridge cartridge) {
        super(cartridge);
        selectPrg16k(0, 0);
        selectPrg16k(1, -1);
    }

    @Override
    public int number() {
        return 0;
    }

    @Override
    public String boardName() {
        return "NROM";
    }
}
