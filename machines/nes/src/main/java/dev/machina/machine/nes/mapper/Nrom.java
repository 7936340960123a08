package dev.machina.machine.nes.mapper;

import dev.machina.core.memory.AddressSpace;
import dev.machina.machine.nes.cart.Cartridge;

import java.lang.foreign.MemorySegment;

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

    /**
     * As the base class, then PRG-ROM as direct ROM pages at $8000-$FFFF (16 KiB mirrored at
     * $C000), so the CPU reads it on the address space's fast path; NROM has no registers, so
     * writes there do nothing either way.
     */
    @Override
    public void installCpu(AddressSpace cpu) {
        super.installCpu(cpu);
        MemorySegment prg = MemorySegment.ofArray(prgRom);
        if (prgRom.length == 0x4000) {
            cpu.installRom(0x8000, 0xBFFF, 0x4000, prg, 0);
        } else if (prgRom.length == 0x8000) {
            cpu.installRom(0x8000, 0xFFFF, prg);
        }
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
