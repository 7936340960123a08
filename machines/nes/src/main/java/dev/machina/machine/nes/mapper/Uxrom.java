package dev.machina.machine.nes.mapper;

import dev.machina.machine.nes.cart.Cartridge;

/**
 * Mapper 2, UxROM (UNROM, UOROM): a write to $8000-$FFFF selects the 16 KiB PRG bank at $8000;
 * the last bank is fixed at $C000; 8 KiB CHR-RAM; fixed mirroring. With NES 2.0 submapper 2
 * writes suffer bus conflicts (the value is ANDed with the ROM byte at the address).
 * NESdev wiki, "UxROM".
 */
public final class Uxrom extends Mapper {
    private final boolean busConflicts;

    /** The board for {@code cartridge}, in its power-on state. */
    public Uxrom(Cartridge cartridge) {
        super(cartridge);
        busConflicts = cartridge.header().submapper() == 2;
        reset();
    }

    @Override
    public void reset() {
        selectPrg16k(0, 0);
        selectPrg16k(1, -1);
    }

    @Override
    protected void writeRegister(int address, int value) {
        selectPrg16k(0, busConflicts ? value & romByte(address) : value);
    }

    @Override
    public int number() {
        return 2;
    }

    @Override
    public String boardName() {
        return "UxROM";
    }
}
