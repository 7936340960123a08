package dev.machina.machine.nes.mapper;

import dev.machina.machine.nes.cart.Cartridge;
import dev.machina.machine.nes.cart.Mirroring;

/**
 * Mapper 1, MMC1 (SxROM), after NESdev wiki "MMC1".
 *
 * <p>The CPU loads registers serially: each write to $8000-$FFFF with bit 7 clear shifts bit 0
 * into a 5-bit shift register; the fifth write copies it to the register chosen by address
 * bits 14-13 (control $8000, CHR bank 0 $A000, CHR bank 1 $C000, PRG bank $E000) and empties
 * the shift register. A write with bit 7 set empties the shift register and sets PRG mode 3
 * (control |= $0C). Writes on consecutive CPU cycles (the two writes of a read-modify-write
 * instruction) are ignored after the first, so the machine must call {@link #cpuClock()} once
 * per CPU cycle.
 *
 * <p>Control: bits 1-0 mirroring (0 one-screen lower, 1 one-screen upper, 2 vertical, 3
 * horizontal), bits 3-2 PRG mode (0/1 32 KiB, 2 first bank fixed at $8000, 3 last bank fixed at
 * $C000), bit 4 CHR mode (0 8 KiB, 1 two 4 KiB banks). PRG bank bit 4 disables PRG-RAM
 * (MMC1B). On 512 KiB SUROM boards CHR bank 0 bit 4 selects the PRG-ROM 256 KiB half.
 */
public final class Mmc1 extends Mapper {
    private int shift;
    private int shiftCount;
    private int control;
    private int chrBank0;
    private int chrBank1;
    private int prgBank;
    private long cycle;
    private long lastWriteCycle = Long.MIN_VALUE / 2;

    /** The board for {@code cartridge}, in its power-on state. */
    public Mmc1(Cartridge cartridge) {
        super(cartridge);
        reset();
    }

    @Override
    public void reset() {
        shift = 0;
        shiftCount = 0;
        control = 0x0C;
        chrBank0 = 0;
        chrBank1 = 0;
        prgBank = 0;
        update();
    }

    @Override
    public void cpuClock() {
        cycle++;
    }

    @Override
    protected void writeRegister(int address, int value) {
        boolean consecutive = cycle - lastWriteCycle == 1;
        lastWriteCycle = cycle;
        if (consecutive) {
            return;
        }
        if ((value & 0x80) != 0) {
            shift = 0;
            shiftCount = 0;
            control |= 0x0C;
            update();
            return;
        }
        shift |= (value & 1) << shiftCount;
        if (++shiftCount < 5) {
            return;
        }
        switch ((address >> 13) & 3) {
            case 0 -> control = shift;
            case 1 -> chrBank0 = shift;
            case 2 -> chrBank1 = shift;
            default -> prgBank = shift;
        }
        shift = 0;
        shiftCount = 0;
        update();
    }

    private void update() {
        setMirroring(switch (control & 3) {
            case 0 -> Mirroring.SINGLE_SCREEN_LOWER;
            case 1 -> Mirroring.SINGLE_SCREEN_UPPER;
            case 2 -> Mirroring.VERTICAL;
            default -> Mirroring.HORIZONTAL;
        });
        if ((control & 0x10) == 0) {
            selectChr8k((chrBank0 & 0x1F) >> 1);
        } else {
            selectChr4k(0, chrBank0);
            selectChr4k(1, chrBank1);
        }
        int outer = prgRom.length > 256 * 1024 ? (chrBank0 & 0x10) : 0;
        int bank = outer | (prgBank & 0x0F);
        switch ((control >> 2) & 3) {
            case 0, 1 -> {
                selectPrg16k(0, bank & ~1);
                selectPrg16k(1, bank | 1);
            }
            case 2 -> {
                selectPrg16k(0, outer);
                selectPrg16k(1, bank);
            }
            default -> {
                selectPrg16k(0, bank);
                selectPrg16k(1, outer | 0x0F);
            }
        }
        prgRamEnabled = (prgBank & 0x10) == 0;
    }

    @Override
    protected void saveBoard(dev.machina.core.state.StateWriter out) {
        out.u8(shift).u8(shiftCount).u8(control).u8(chrBank0).u8(chrBank1).u8(prgBank);
        out.i64(cycle).i64(lastWriteCycle);
    }

    @Override
    protected void loadBoard(dev.machina.core.state.StateReader in) throws dev.machina.core.state.StateException {
        shift = in.u8();
        shiftCount = in.u8();
        control = in.u8();
        chrBank0 = in.u8();
        chrBank1 = in.u8();
        prgBank = in.u8();
        cycle = in.i64();
        lastWriteCycle = in.i64();
        if (shiftCount > 4) {
            throw new dev.machina.core.state.StateException("cart: MMC1 shift count " + shiftCount);
        }
        update();
    }

    /** The control register, 0..$1F (for tests and debuggers). */
    public int control() {
        return control;
    }

    @Override
    public int number() {
        return 1;
    }

    @Override
    public String boardName() {
        return "MMC1 (SxROM)";
    }
}
