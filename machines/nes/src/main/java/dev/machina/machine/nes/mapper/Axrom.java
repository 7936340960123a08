package dev.machina.machine.nes.mapper;

import dev.machina.machine.nes.cart.Cartridge;
import dev.machina.machine.nes.cart.Mirroring;

/**
 * Mapper 7, AxROM (ANROM, AOROM): a write to $8000-$FFFF selects the 32 KiB PRG bank with
 * bits 2-0 and the single-screen nametable (CIRAM page) with bit 4; 8 KiB CHR-RAM. With NES
 * 2.0 submapper 2, bus conflicts. NESdev wiki, "AxROM".
 */
public final class Axrom extends Mapper {
    private final boolean busConflicts;

    /** The board for {@code cartridge}, in its power-on state. */
    public Axrom(Cartridge cartridge) {
        super(cartridge);
        busConflicts = cartridge.header().submapper() == 2;
        reset();
    }

    @Override
    public void reset() {
        writeBank(0);
    }

    @Override
    protected void writeRegister(int address, int value) {
        writeBank(busConflicts ? value & romByte(address) : value);
    }

    private void writeBank(int value) {
        selectPrg32k(value & 0x07);
        setMirroring((value & 0x10) != 0 ? Mirroring.SINGLE_SCREEN_UPPER : Mirroring.SINGLE_SCREEN_LOWER);
    }

    @Override
    public int number() {
        return 7;
    }

    @Override
    public String boardName() {
        return "AxROM";
    }
}
