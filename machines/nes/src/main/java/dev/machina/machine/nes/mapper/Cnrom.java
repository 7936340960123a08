package dev.machina.machine.nes.mapper;

import dev.machina.machine.nes.cart.Cartridge;

/**
 * Mapper 3, CNROM: 16 or 32 KiB PRG-ROM fixed like NROM; a write to $8000-$FFFF selects the
 * 8 KiB CHR-ROM bank (unconnected high bits wrap). With NES 2.0 submapper 2, bus conflicts.
 * NESdev wiki, "INES Mapper 003".
 */
public final class Cnrom extends Mapper {
    private final boolean busConflicts;

    /** The board for {@code cartridge}, in its power-on state. */
    public Cnrom(Cartridge cartridge) {
        super(cartridge);
        busConflicts = cartridge.header().submapper() == 2;
        selectPrg16k(0, 0);
        selectPrg16k(1, -1);
    }

    @Override
    public void reset() {
        selectChr8k(0);
    }

    @Override
    protected void writeRegister(int address, int value) {
        selectChr8k(busConflicts ? value & romByte(address) : value);
    }

    @Override
    public int number() {
        return 3;
    }

    @Override
    public String boardName() {
        return "CNROM";
    }
}
