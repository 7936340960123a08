package dev.machina.machine.nes.mapper;

import dev.machina.machine.nes.cart.Cartridge;
import dev.machina.machine.nes.cart.Mirroring;

/**
 * Mapper 4, MMC3 (TxROM), after NESdev wiki "MMC3".
 *
 * <p>Registers (address bit 0 and bits 14-13): $8000 bank select (bits 2-0 choose R0-R7, bit 6
 * PRG mode, bit 7 CHR A12 inversion), $8001 bank data, $A000 mirroring (0 vertical, 1
 * horizontal), $A001 PRG-RAM protect (bit 7 enable, bit 6 deny writes), $C000 IRQ latch,
 * $C001 IRQ reload, $E000 IRQ disable and acknowledge, $E001 IRQ enable.
 *
 * <p>Banks: R0/R1 2 KiB CHR (low bit ignored), R2-R5 1 KiB CHR, with the 2 KiB pair at $0000
 * and the four 1 KiB at $1000, swapped when bit 7 is set; R6/R7 8 KiB PRG at $8000/$A000 with
 * the second-last bank at $C000, R6 and the second-last swapped when bit 6 is set; the last
 * bank always at $E000.
 *
 * <p>Scanline counter: clocked by a rising edge of PPU A12 after A12 has been low for at least
 * {@value #A12_LOW_CYCLES} CPU cycles (M2 falling edges; this filters the edges inside one
 * sprite-fetch run). On a clock, a counter of 0 or a pending reload loads the latch, else the
 * counter decrements; a counter that is then 0 with IRQs enabled asserts /IRQ (the "new"
 * Sharp MMC3 behaviour). The machine must call {@link #cpuClock()} once per CPU cycle.
 */
public final class Mmc3 extends Mapper {
    /** CPU cycles A12 must stay low before a rising edge clocks the counter. */
    public static final int A12_LOW_CYCLES = 3;

    private final int[] r = new int[8];
    private int bankSelect;
    private int irqLatch;
    private int irqCounter;
    private boolean irqReload;
    private boolean irqEnabled;
    private boolean irqPending;
    private boolean a12;
    private int a12LowCycles;

    /** The board for {@code cartridge}, in its power-on state. */
    public Mmc3(Cartridge cartridge) {
        super(cartridge);
        reset();
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(r, 0);
        r[6] = 0;
        r[7] = 1;
        bankSelect = 0;
        irqLatch = 0;
        irqCounter = 0;
        irqReload = false;
        irqEnabled = false;
        irqPending = false;
        prgRamEnabled = true;
        prgRamWritable = true;
        setIrq(false);
        update();
    }

    @Override
    protected void writeRegister(int address, int value) {
        boolean odd = (address & 1) != 0;
        switch ((address >> 13) & 3) {
            case 0 -> {
                if (odd) {
                    r[bankSelect & 7] = value;
                } else {
                    bankSelect = value;
                }
                update();
            }
            case 1 -> {
                if (odd) {
                    prgRamEnabled = (value & 0x80) != 0;
                    prgRamWritable = (value & 0x40) == 0;
                } else {
                    setMirroring((value & 1) != 0 ? Mirroring.HORIZONTAL : Mirroring.VERTICAL);
                }
            }
            case 2 -> {
                if (odd) {
                    irqCounter = 0;
                    irqReload = true;
                } else {
                    irqLatch = value;
                }
            }
            default -> {
                if (odd) {
                    irqEnabled = true;
                } else {
                    irqEnabled = false;
                    irqPending = false;
                    setIrq(false);
                }
            }
        }
    }

    private void update() {
        int chrXor = (bankSelect & 0x80) != 0 ? 4 : 0;
        selectChr1k(0 ^ chrXor, r[0] & 0xFE);
        selectChr1k(1 ^ chrXor, r[0] | 1);
        selectChr1k(2 ^ chrXor, r[1] & 0xFE);
        selectChr1k(3 ^ chrXor, r[1] | 1);
        for (int i = 0; i < 4; i++) {
            selectChr1k((4 + i) ^ chrXor, r[2 + i]);
        }
        boolean swap = (bankSelect & 0x40) != 0;
        selectPrg8k(swap ? 2 : 0, r[6] & 0x3F);
        selectPrg8k(1, r[7] & 0x3F);
        selectPrg8k(swap ? 0 : 2, -2);
        selectPrg8k(3, -1);
    }

    @Override
    public void cpuClock() {
        if (!a12 && a12LowCycles < A12_LOW_CYCLES) {
            a12LowCycles++;
        }
    }

    @Override
    public int read(int address) {
        watchA12(address);
        return super.read(address);
    }

    @Override
    public void write(int address, int value) {
        watchA12(address);
        super.write(address, value);
    }

    /** The scanline counter watches A12: the PPU must run every dot on time. */
    @Override
    public boolean watchesAddresses() {
        return true;
    }

    @Override
    public void address(int address) {
        watchA12(address);
    }

    private void watchA12(int address) {
        boolean high = (address & 0x1000) != 0;
        if (high && !a12) {
            if (a12LowCycles >= A12_LOW_CYCLES) {
                clockCounter();
            }
        } else if (!high && a12) {
            a12LowCycles = 0;
        }
        a12 = high;
    }

    private void clockCounter() {
        if (irqCounter == 0 || irqReload) {
            irqCounter = irqLatch;
            irqReload = false;
        } else {
            irqCounter--;
        }
        if (irqCounter == 0 && irqEnabled) {
            irqPending = true;
            setIrq(true);
        }
    }

    @Override
    protected void saveBoard(dev.machina.core.state.StateWriter out) {
        for (int v : r) {
            out.u8(v);
        }
        out.u8(bankSelect).u8(irqLatch).u8(irqCounter);
        out.bool(irqReload).bool(irqEnabled).bool(irqPending).bool(a12).u8(a12LowCycles);
    }

    @Override
    protected void loadBoard(dev.machina.core.state.StateReader in) throws dev.machina.core.state.StateException {
        for (int i = 0; i < r.length; i++) {
            r[i] = in.u8();
        }
        bankSelect = in.u8();
        irqLatch = in.u8();
        irqCounter = in.u8();
        irqReload = in.bool();
        irqEnabled = in.bool();
        irqPending = in.bool();
        a12 = in.bool();
        a12LowCycles = in.u8();
        setIrq(irqPending);
    }

    /** The scanline counter, 0..255 (for tests and debuggers). */
    public int irqCounter() {
        return irqCounter;
    }

    /** True while the board holds /IRQ asserted. */
    public boolean irqPending() {
        return irqPending;
    }

    @Override
    public int number() {
        return 4;
    }

    @Override
    public String boardName() {
        return "MMC3 (TxROM)";
    }
}
