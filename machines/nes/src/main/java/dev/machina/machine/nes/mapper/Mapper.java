package dev.machina.machine.nes.mapper;

import dev.machina.core.memory.AddressSpace;
import dev.machina.core.sched.InterruptLine;
import dev.machina.core.state.StateException;
import dev.machina.core.state.StateReader;
import dev.machina.core.state.StateWriter;
import dev.machina.core.state.Stateful;
import dev.machina.machine.nes.StateArrays;
import dev.machina.machine.nes.cart.Cartridge;
import dev.machina.machine.nes.cart.Mirroring;
import dev.machina.machine.nes.ppu.PpuBus;

/**
 * A cartridge board: how the CPU's $4020-$FFFF and the PPU's $0000-$3EFF reach PRG-ROM,
 * PRG-RAM, CHR-ROM/RAM and the console's 2 KiB nametable RAM (CIRAM), after the NESdev wiki's
 * "Mapper" pages.
 *
 * <p>Banking is kept in small page tables: four 8 KiB PRG windows at $8000/$A000/$C000/$E000,
 * eight 1 KiB CHR windows, and four 1 KiB nametable windows. (core's {@code Bank} is not used
 * for PRG because re-selecting a bank re-installs the window's write side too, and a board
 * must see every write to its ROM area as a register write.) Subclasses implement
 * {@link #writeRegister} and may watch the PPU bus or CPU cycles.
 *
 * <p>The machine connects a board with {@link #installCpu(AddressSpace)}, passes it to the PPU
 * as its {@link PpuBus}, calls {@link #cpuClock()} once per CPU cycle (M2), and connects
 * {@link #setIrqOutput} to the CPU's IRQ line.
 */
public abstract class Mapper implements PpuBus, Stateful {
    /** Unconnected: the cartridge does not drive the data bus; the CPU sees open bus. */
    public static final int OPEN_BUS = -1;

    /** The cartridge image. */
    protected final Cartridge cartridge;
    /** PRG-ROM (the image's array, not copied). */
    protected final byte[] prgRom;
    /** CHR-ROM, or CHR-RAM (at least 8 KiB) when the image has no CHR-ROM. */
    protected final byte[] chr;
    /** True when {@link #chr} is RAM. */
    protected final boolean chrWritable;
    /** PRG-RAM at $6000-$7FFF (volatile plus battery-backed; may be empty). */
    protected final byte[] prgRam;
    /** Nametable RAM: the console's 2 KiB CIRAM, or 4 KiB with four-screen VRAM. */
    protected final byte[] vram;
    private final int[] prgPage = new int[4];
    private final int[] chrPage = new int[8];
    private final int[] ntPage = new int[4];
    private Mirroring mirroring;
    /** PRG-RAM readable (chip enabled). */
    protected boolean prgRamEnabled = true;
    /** PRG-RAM writable (not write-protected). */
    protected boolean prgRamWritable = true;
    private InterruptLine irqLine;
    private int irqSource;
    private Runnable beforeRegisterWrite = () -> { };

    /** Allocates RAM from the header's sizes, maps the first 32 KiB of PRG and 8 KiB of CHR. */
    protected Mapper(Cartridge cartridge) {
        this.cartridge = cartridge;
        this.prgRom = cartridge.prgRom();
        if (cartridge.chrRom().length > 0) {
            chr = cartridge.chrRom();
            chrWritable = false;
        } else {
            chr = new byte[Math.max(8192, cartridge.header().chrRamSize())];
            chrWritable = true;
        }
        prgRam = new byte[cartridge.header().totalPrgRamSize()];
        if (cartridge.trainer() != null && prgRam.length >= 8192) {
            System.arraycopy(cartridge.trainer(), 0, prgRam, 0x1000, cartridge.trainer().length);
        }
        mirroring = cartridge.header().mirroring();
        vram = new byte[mirroring == Mirroring.FOUR_SCREEN ? 4096 : 2048];
        setMirroring(mirroring);
        selectPrg32k(0);
        selectChr8k(0);
    }

    /** The iNES mapper number. */
    public abstract int number();

    /** The board or chip name, e.g. {@code "MMC1 (SxROM)"}. */
    public abstract String boardName();

    /** The cartridge this board holds. */
    public Cartridge cartridge() {
        return cartridge;
    }

    // ------------------------------------------------------------------ CPU side

    /**
     * Maps $4020-$FFFF of the CPU's address space to this board; addresses the board does not
     * drive read as the space's open-bus value.
     */
    public void installCpu(AddressSpace cpu) {
        cpu.installHandler(0x4020, 0xFFFF, offset -> {
            int v = cpuRead(0x4020 + offset);
            return v < 0 ? cpu.openBus() : v;
        }, (offset, value) -> cpuWrite(0x4020 + offset, value));
    }

    /**
     * A CPU read.
     *
     * @param address $4020..$FFFF
     * @return 0..255, or {@link #OPEN_BUS} when nothing on the cartridge answers
     */
    public int cpuRead(int address) {
        if (address >= 0x8000) {
            return prgRom[prgPage[(address >> 13) & 3] + (address & 0x1FFF)] & 0xFF;
        }
        if (address >= 0x6000 && prgRam.length > 0 && prgRamEnabled) {
            return prgRam[(address - 0x6000) % prgRam.length] & 0xFF;
        }
        return OPEN_BUS;
    }

    /** A CPU write to $4020..$FFFF; {@code value} 0..255. */
    public void cpuWrite(int address, int value) {
        if (address >= 0x8000) {
            beforeRegisterWrite.run();
            writeRegister(address, value);
        } else if (address >= 0x6000 && prgRam.length > 0 && prgRamEnabled && prgRamWritable) {
            prgRam[(address - 0x6000) % prgRam.length] = (byte) value;
        }
    }

    /**
     * Sets what runs before every register write ($8000-$FFFF), before the board changes a bank
     * or the mirroring: the machine brings the chips that read through the board up to date
     * (the PPU's and APU's catch-up, {@link dev.machina.machine.nes.ppu.Ppu#owe}).
     */
    public void setBeforeRegisterWrite(Runnable action) {
        this.beforeRegisterWrite = java.util.Objects.requireNonNull(action);
    }

    /** A write to $8000-$FFFF: the board's registers. Default: none. */
    protected void writeRegister(int address, int value) {
    }

    /** One CPU cycle (M2) has passed; boards that count cycles override this. */
    public void cpuClock() {
    }

    /** The ROM byte at {@code address} ($8000-$FFFF) as currently mapped (for bus conflicts). */
    protected int romByte(int address) {
        return prgRom[prgPage[(address >> 13) & 3] + (address & 0x1FFF)] & 0xFF;
    }

    // ------------------------------------------------------------------ PPU side

    @Override
    public int read(int address) {
        if ((address & 0x2000) == 0) {
            return chr[chrPage[(address >> 10) & 7] + (address & 0x3FF)] & 0xFF;
        }
        return vram[ntPage[(address >> 10) & 3] + (address & 0x3FF)] & 0xFF;
    }

    @Override
    public void write(int address, int value) {
        if ((address & 0x2000) == 0) {
            if (chrWritable) {
                chr[chrPage[(address >> 10) & 7] + (address & 0x3FF)] = (byte) value;
            }
        } else {
            vram[ntPage[(address >> 10) & 3] + (address & 0x3FF)] = (byte) value;
        }
    }

    // ------------------------------------------------------------------ banking helpers

    /** Number of 8 KiB PRG-ROM banks. */
    protected int prgBanks8k() {
        return prgRom.length >> 13 == 0 ? 1 : prgRom.length >> 13;
    }

    /**
     * Shows PRG-ROM 8 KiB bank {@code bank} in window {@code window} (0..3 for $8000, $A000,
     * $C000, $E000). Banks wrap modulo the ROM size (unconnected high bits); negative banks
     * count from the end (-1 is the last bank).
     */
    protected void selectPrg8k(int window, int bank) {
        selectPrgBytes(window, Math.floorMod(bank, prgBanks8k()) * 8192);
    }

    /** Shows 16 KiB bank {@code bank} at $8000 (window 0) or $C000 (window 1); wraps, negative from the end. */
    protected void selectPrg16k(int window, int bank) {
        int count = Math.max(1, prgRom.length / 16384);
        int b = Math.floorMod(bank, count);
        selectPrgBytes(window * 2, b * 16384);
        selectPrgBytes(window * 2 + 1, b * 16384 + 8192);
    }

    /** Shows 32 KiB bank {@code bank} at $8000-$FFFF; wraps. */
    protected void selectPrg32k(int bank) {
        int count = Math.max(1, prgRom.length / 32768);
        int b = Math.floorMod(bank, count);
        for (int w = 0; w < 4; w++) {
            selectPrgBytes(w, b * 32768 + w * 8192);
        }
    }

    private void selectPrgBytes(int window, int offset) {
        prgPage[window] = offset % prgRom.length;
    }

    /** Shows CHR 1 KiB bank {@code bank} in PPU window {@code window} (0..7, i.e. $0000, $0400, ...); wraps. */
    protected void selectChr1k(int window, int bank) {
        chrPage[window] = Math.floorMod(bank, chr.length / 1024) * 1024;
    }

    /** Shows CHR 2 KiB bank {@code bank} at {@code window} * $800 (window 0..3); wraps. */
    protected void selectChr2k(int window, int bank) {
        int b = Math.floorMod(bank, Math.max(1, chr.length / 2048));
        chrPage[window * 2] = b * 2048;
        chrPage[window * 2 + 1] = b * 2048 + 1024;
    }

    /** Shows CHR 4 KiB bank {@code bank} at $0000 (window 0) or $1000 (window 1); wraps. */
    protected void selectChr4k(int window, int bank) {
        int b = Math.floorMod(bank, Math.max(1, chr.length / 4096));
        for (int i = 0; i < 4; i++) {
            chrPage[window * 4 + i] = b * 4096 + i * 1024;
        }
    }

    /** Shows CHR 8 KiB bank {@code bank} at $0000-$1FFF; wraps. */
    protected void selectChr8k(int bank) {
        int b = Math.floorMod(bank, Math.max(1, chr.length / 8192));
        for (int i = 0; i < 8; i++) {
            chrPage[i] = b * 8192 + i * 1024;
        }
    }

    /** Current nametable mirroring. */
    public Mirroring mirroring() {
        return mirroring;
    }

    /** Sets nametable mirroring; a four-screen board keeps four screens. */
    protected void setMirroring(Mirroring m) {
        if (vram.length == 4096) {
            m = Mirroring.FOUR_SCREEN;
        }
        mirroring = m;
        for (int i = 0; i < 4; i++) {
            ntPage[i] = m.page(i) * 1024;
        }
    }

    // ------------------------------------------------------------------ PRG-RAM and IRQ

    /** The board's PRG-RAM (shared, not a copy), e.g. for {@link dev.machina.machine.nes.cart.BatterySave}; may be empty. */
    public byte[] prgRam() {
        return prgRam;
    }

    /** True when the board keeps PRG-RAM alive with a battery. */
    public boolean hasBattery() {
        return cartridge.header().battery() && prgRam.length > 0;
    }

    /** Connects the board's /IRQ output to {@code line} as wired-OR {@code source} (0..31). */
    public void setIrqOutput(InterruptLine line, int source) {
        this.irqLine = line;
        this.irqSource = source;
    }

    /** Drives the /IRQ output (true = asserted). */
    protected void setIrq(boolean asserted) {
        if (irqLine != null) {
            if (asserted) {
                irqLine.assertLine(irqSource);
            } else {
                irqLine.clear(irqSource);
            }
        }
    }

    /** Power-on/reset state of the board's registers. Default: nothing. */
    public void reset() {
    }

    // ------------------------------------------------------------------ save states

    @Override
    public String tag() {
        return "cart";
    }

    @Override
    public int stateVersion() {
        return 1;
    }

    /** Board number, bank tables, mirroring, PRG-RAM, CHR-RAM, nametable RAM, then {@link #saveBoard}. */
    @Override
    public final void saveState(StateWriter out) {
        out.u16(number());
        StateArrays.writeInts(out, prgPage);
        StateArrays.writeInts(out, chrPage);
        out.u8(mirroring.ordinal());
        out.bool(prgRamEnabled).bool(prgRamWritable);
        out.bytes(prgRam);
        out.bytes(chrWritable ? chr : new byte[0]);
        out.bytes(vram);
        saveBoard(out);
    }

    @Override
    public final void loadState(StateReader in) throws StateException {
        int n = in.u16();
        if (n != number()) {
            throw new StateException("cart: state of mapper " + n + ", this board is mapper " + number());
        }
        StateArrays.readInts(in, prgPage, "cart PRG banks");
        StateArrays.readInts(in, chrPage, "cart CHR banks");
        for (int p : prgPage) {
            checkOffset(p, prgRom.length, 8192);
        }
        for (int p : chrPage) {
            checkOffset(p, chr.length, 1024);
        }
        Mirroring m = Mirroring.values()[StateArrays.ordinal(in, Mirroring.values().length, "cart mirroring")];
        prgRamEnabled = in.bool();
        prgRamWritable = in.bool();
        StateArrays.readBytes(in, prgRam);
        StateArrays.readBytes(in, chrWritable ? chr : new byte[0]);
        StateArrays.readBytes(in, vram);
        setMirroring(m);
        loadBoard(in);
    }

    private static void checkOffset(int offset, int size, int window) throws StateException {
        if (offset < 0 || offset + Math.min(window, size) > size) {
            throw new StateException("cart: bank offset " + offset + " outside " + size + " bytes");
        }
    }

    /** The board's own registers. Default: none. */
    protected void saveBoard(StateWriter out) {
    }

    /** Reads what {@link #saveBoard} wrote. */
    protected void loadBoard(StateReader in) throws StateException {
    }
}
