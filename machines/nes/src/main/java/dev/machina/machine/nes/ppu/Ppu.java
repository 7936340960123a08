package dev.machina.machine.nes.ppu;

import dev.machina.core.device.Device;
import dev.machina.core.memory.AddressSpace;
import dev.machina.core.sched.InterruptLine;
import dev.machina.core.state.StateException;
import dev.machina.core.state.StateReader;
import dev.machina.core.state.StateWriter;
import dev.machina.core.state.Stateful;
import dev.machina.machine.nes.StateArrays;
import dev.machina.machine.nes.Region;

import java.util.Objects;

/**
 * The Ricoh 2C02 picture processing unit (NTSC), stepped one dot at a time. Follows the NESdev
 * wiki pages "PPU registers", "PPU rendering", "PPU scrolling", "PPU sprite evaluation", "PPU
 * frame timing" and "PPU palettes".
 *
 * <p><b>Timing.</b> A frame is 262 scanlines of 341 dots (0..340): visible lines 0-239,
 * post-render line 240, vertical blank 241-260, pre-render line 261. {@link #tick()} performs
 * the work of the current dot and advances to the next; the machine instead reports 3 dots per
 * CPU cycle (NTSC) with {@link #owe}, and the PPU runs them in catch-up style, whole fetch
 * groups and lines at a time, with the same results on the same cycles. The VBlank flag is set at line 241 dot 1 and cleared (with sprite 0 hit and
 * overflow) at line 261 dot 1. On odd frames with rendering enabled, dot 340 of the pre-render
 * line is skipped (89,341 dots instead of 89,342).
 *
 * <p><b>Outputs.</b> {@link #nmiOutput()} is an {@link InterruptLine} driven at the level
 * VBlank flag AND $2000 bit 7 (asserted = /NMI low); the CPU must detect its falling edge by
 * sampling the level once per cycle. {@link #frameBuffer()} holds 256x240 ARGB pixels, complete
 * from line 240 on.
 *
 * <p><b>The $2002 race.</b> A $2002 read made when the next dot to run is line 241 dot 1 reads
 * VBlank clear and the flag is not set in that frame (so no NMI); a read one or two dots later
 * reads it set and clears it, which drops the NMI level again (NESdev "PPU frame timing"). For
 * that drop to suppress the NMI, the CPU's edge detector must not have seen the level yet: with
 * the order "CPU bus access, then 3 dots" per CPU cycle, sample the NMI level after the first
 * of the 3 dots, so a flag set on the second or third dot is seen only after the next cycle's
 * bus access.
 *
 * <p>{@link Region#PAL} (2C07): 312 lines, pre-render line 311, no skipped dot.
 *
 * <p>Not modelled: the ~29,658-cycle register warm-up after power-on, the 2-dot delay of $2001
 * effects, sprite evaluation spread over dots 65-256 (done at once at dot 65; the overflow flag
 * is set on the dot the hardware would set it), per-bit open-bus decay
 * (the whole latch decays after about 600 ms = 36 frames without a refresh).
 */
public final class Ppu implements Device, Stateful {
    /** Dots per scanline. */
    public static final int DOTS = 341;
    /** Scanlines per NTSC frame (PAL: 312, see {@link Region}). */
    public static final int LINES = 262;
    /** Frame width in pixels. */
    public static final int WIDTH = 256;
    /** Frame height in pixels. */
    public static final int HEIGHT = 240;
    private static final int DECAY_FRAMES = 36;

    private final PpuBus bus;
    private final InterruptLine nmi;
    private final int lines;
    private final int preRender;
    private final boolean skipsOddDot;
    private final LoopyRegisters loopy = new LoopyRegisters();
    private final PaletteRam palette = new PaletteRam();
    private final SpriteUnit sprites = new SpriteUnit();
    private final int[] frame = new int[WIDTH * HEIGHT];
    private final int[] colours = NtscPalette.table();
    /** ARGB of the 32 palette entries under the current greyscale/emphasis bits. */
    private final int[] entryArgb = new int[32];
    /** ARGB of background palette index 0..15 with the transparent ones (pattern 0) as the backdrop. */
    private final int[] backgroundArgb = new int[16];
    private int entryVersion = -1;
    private int entryMask = -1;

    private int ctrl;
    private int mask;
    private boolean vblank;
    private boolean spriteZeroHit;
    private boolean spriteOverflow;
    private int oamAddr;
    private int readBuffer;
    private int latch;
    private long latchFrame;

    private int scanline;
    private int dot;
    /** Dot of the current line on which sprite evaluation sets the overflow flag, or -1. */
    private int overflowDot = -1;
    private long frameCount;
    private boolean oddFrame;
    private boolean suppressVblank;

    // catch-up (see owe): dots the machine has clocked that this PPU has not run yet, and how
    // many dots may be owed before one of them is an event dot that must run on time
    private int owed;
    private int untilEvent;
    private final boolean lazy;

    // background pipeline
    private int ntByte;
    private int atBits;
    private int patLo;
    private int patHi;
    private int shiftLo;
    private int shiftHi;
    private int attrShiftLo;
    private int attrShiftHi;

    /**
     * @param bus the cartridge side of the PPU bus (pattern tables and nametables)
     * @param nmi driven with the /NMI level; connect it to the CPU's NMI input
     */
    public Ppu(PpuBus bus, InterruptLine nmi) {
        this(bus, nmi, Region.NTSC);
    }

    /**
     * A 2C02 ({@link Region#NTSC}) or 2C07 ({@link Region#PAL}: 312 lines, pre-render line 311,
     * no skipped dot; its swapped red/green emphasis bits are not modelled).
     */
    public Ppu(PpuBus bus, InterruptLine nmi, Region region) {
        this.bus = Objects.requireNonNull(bus);
        this.nmi = Objects.requireNonNull(nmi);
        this.lines = region.linesPerFrame();
        this.preRender = region.preRenderLine();
        this.skipsOddDot = region.skipsOddDot();
        this.lazy = !bus.watchesAddresses();
    }

    @Override
    public String tag() {
        return "ppu";
    }

    /** Power-up state: registers, toggle and position cleared (line 0, dot 0, even frame). */
    @Override
    public void reset() {
        catchUp();
        ctrl = 0;
        mask = 0;
        vblank = false;
        spriteZeroHit = false;
        spriteOverflow = false;
        oamAddr = 0;
        readBuffer = 0;
        loopy.reset();
        scanline = 0;
        dot = 0;
        oddFrame = false;
        updateNmi();
        untilEvent = 0;
    }

    @Override
    public int stateVersion() {
        return 1;
    }

    /** Every register, latch, pipeline and sprite unit, OAM, palette RAM and the frame buffer. */
    @Override
    public void saveState(StateWriter out) {
        catchUp();
        out.u8(ctrl).u8(mask).bool(vblank).bool(spriteZeroHit).bool(spriteOverflow).u8(oamAddr)
                .u8(readBuffer).u8(latch).i64(latchFrame);
        out.u16(scanline).u16(dot).i64(frameCount).bool(oddFrame).bool(suppressVblank).i32(overflowDot);
        out.u8(ntByte).u8(atBits).u8(patLo).u8(patHi);
        out.u16(shiftLo).u16(shiftHi).u16(attrShiftLo).u16(attrShiftHi);
        loopy.save(out);
        out.bytes(palette.snapshot());
        sprites.save(out);
        StateArrays.writeInts(out, frame);
    }

    @Override
    public void loadState(StateReader in) throws StateException {
        catchUp();
        untilEvent = 0;
        ctrl = in.u8();
        mask = in.u8();
        vblank = in.bool();
        spriteZeroHit = in.bool();
        spriteOverflow = in.bool();
        oamAddr = in.u8();
        readBuffer = in.u8();
        latch = in.u8();
        latchFrame = in.i64();
        scanline = in.u16();
        dot = in.u16();
        if (scanline >= lines || dot >= DOTS) {
            throw new StateException("ppu: position line " + scanline + " dot " + dot + " outside the frame");
        }
        frameCount = in.i64();
        oddFrame = in.bool();
        suppressVblank = in.bool();
        overflowDot = in.i32();
        ntByte = in.u8();
        atBits = in.u8() & 3;
        patLo = in.u8();
        patHi = in.u8();
        shiftLo = in.u16();
        shiftHi = in.u16();
        attrShiftLo = in.u16();
        attrShiftHi = in.u16();
        loopy.load(in.u16(), in.u16(), in.u8(), in.bool());
        palette.restore(in.bytes(32));
        sprites.load(in);
        StateArrays.readInts(in, frame, "ppu frame buffer");
        updateNmi();
    }

    /** Maps $2000-$2007 (mirrored through $3FFF) of the CPU's address space to this PPU. */
    public void installCpu(AddressSpace cpu) {
        cpu.installHandler(0x2000, 0x2007, 0x1FF8, this::readRegister, this::writeRegister);
    }

    // ------------------------------------------------------------------ state for machine, tests, debuggers

    /** The NMI output line given at construction. */
    public InterruptLine nmiOutput() {
        return nmi;
    }

    /** The ARGB frame buffer, 256x240, row-major; shared, not a copy. */
    public int[] frameBuffer() {
        catchUp();
        return frame;
    }

    /** Current scanline, 0..261 (0..311 on PAL): the line of the next dot {@link #tick()} will run. */
    public int scanline() {
        catchUp();
        return scanline;
    }

    /** Current dot, 0..340 (the next dot {@link #tick()} will run). */
    public int dot() {
        catchUp();
        return dot;
    }

    /**
     * Frames completed since power-on (incremented when the pre-render line ends). Exact without
     * catching up: a frame's last dot is always run on time (see {@link #owe}), so a machine may
     * poll this after every instruction at no cost.
     */
    public long frameCount() {
        return frameCount;
    }

    /** The loopy scroll registers. */
    public LoopyRegisters loopy() {
        catchUp();
        return loopy;
    }

    /** OAM (256 bytes), shared. */
    public byte[] oam() {
        catchUp();
        return sprites.oam;
    }

    /** Palette RAM. */
    public PaletteRam palette() {
        catchUp();
        return palette;
    }

    /** True when $2001 enables background or sprite rendering. */
    public boolean renderingEnabled() {
        catchUp();
        return (mask & 0x18) != 0;
    }

    // ------------------------------------------------------------------ CPU registers

    /**
     * A CPU read of $2000-$2007 ({@code register} = address &amp; 7). Write-only registers return
     * the I/O latch (open bus).
     *
     * @return 0..255
     */
    public int readRegister(int register) {
        catchUp();
        untilEvent = 0;
        switch (register & 7) {
            case 2 -> {
                if (scanline == 241 && dot == 1) {
                    suppressVblank = true; // one dot before the flag is set
                }
                int v = (vblank ? 0x80 : 0) | (spriteZeroHit ? 0x40 : 0) | (spriteOverflow ? 0x20 : 0);
                latch = v | (decayedLatch() & 0x1F);
                latchFrame = frameCount;
                vblank = false;
                loopy.resetToggle();
                updateNmi();
                return latch;
            }
            case 4 -> {
                int v = sprites.oam[oamAddr] & 0xFF;
                if ((oamAddr & 3) == 2) {
                    v &= 0xE3;
                }
                if (rendering() && scanline < 240 && dot >= 1 && dot <= 64) {
                    v = 0xFF; // secondary OAM clear reads $FF
                }
                refreshLatch(v);
                return v;
            }
            case 7 -> {
                int a = loopy.v & 0x3FFF;
                int v;
                if (a >= 0x3F00) {
                    v = (readPalette(a) & 0x3F) | (decayedLatch() & 0xC0);
                    readBuffer = bus.read(a & 0x2FFF);
                } else {
                    v = readBuffer;
                    readBuffer = bus.read(a);
                }
                advanceAddress();
                refreshLatch(v);
                return v;
            }
            default -> {
                return decayedLatch();
            }
        }
    }

    /** A CPU write of {@code value} (0..255) to $2000-$2007 ({@code register} = address &amp; 7). */
    public void writeRegister(int register, int value) {
        catchUp();
        untilEvent = 0;
        refreshLatch(value);
        switch (register & 7) {
            case 0 -> {
                ctrl = value;
                loopy.writeCtrl(value);
                updateNmi();
            }
            case 1 -> mask = value;
            case 3 -> oamAddr = value;
            case 4 -> oamWrite(value);
            case 5 -> loopy.writeScroll(value);
            case 6 -> {
                if (loopy.writeAddress(value)) {
                    bus.address(loopy.v & 0x3FFF);
                }
            }
            case 7 -> {
                int a = loopy.v & 0x3FFF;
                if (a >= 0x3F00) {
                    palette.write(a, value);
                } else {
                    bus.write(a, value);
                }
                advanceAddress();
            }
            default -> {
                // $2002 is read-only: the write only refreshes the latch
            }
        }
    }

    /**
     * OAM DMA ($4014): the machine copies 256 bytes from CPU page XX00-XXFF, one call per byte,
     * each written like a $2004 write (to OAMADDR, which then increments).
     */
    public void oamDmaWrite(int value) {
        catchUp();
        oamWrite(value);
    }

    private void oamWrite(int value) {
        if (rendering() && (scanline < 240 || scanline == preRender)) {
            oamAddr = (oamAddr + 4) & 0xFC; // glitchy increment, no write
            return;
        }
        sprites.oam[oamAddr] = (byte) value;
        oamAddr = (oamAddr + 1) & 0xFF;
    }

    private void advanceAddress() {
        if (rendering() && (scanline < 240 || scanline == preRender)) {
            loopy.incrementX();
            loopy.incrementY();
        } else {
            loopy.incrementAddress((ctrl & 0x04) != 0 ? 32 : 1);
            bus.address(loopy.v & 0x3FFF);
        }
    }

    private int readPalette(int address) {
        int c = palette.read(address);
        return (mask & 0x01) != 0 ? c & 0x30 : c;
    }

    private void refreshLatch(int value) {
        latch = value & 0xFF;
        latchFrame = frameCount;
    }

    private int decayedLatch() {
        if (frameCount - latchFrame > DECAY_FRAMES) {
            latch = 0;
        }
        return latch;
    }

    private boolean rendering() {
        return (mask & 0x18) != 0;
    }

    private void updateNmi() {
        nmi.set(vblank && (ctrl & 0x80) != 0);
    }

    // ------------------------------------------------------------------ the dot clock

    /** Runs one PPU dot (one master-clock / 4 on NTSC) and advances to the next. */
    public void tick() {
        catchUp();
        step();
        untilEvent = 0;
    }

    /**
     * The machine's dot clock in catch-up style (Mesen, puNES): notes that {@code dots} (&ge; 0)
     * more dots have passed, and runs the owed dots only when one of them is an event dot whose
     * effect other chips see without asking: VBlank set at line 241 dot 1 and cleared at dot 1
     * of the pre-render line (the NMI output) and the frame's last dot ({@link #frameCount()}).
     * Every other observer catches up first: register accesses, OAM DMA writes, the accessors,
     * save states, and {@link #catchUp()}, which a board calls before a bank or mirroring
     * change. So the PPU's outputs are the same, on the same CPU cycle, as with {@link #tick()}
     * per dot. A bus that {@linkplain PpuBus#watchesAddresses() watches the addresses} (MMC3's
     * A12 counter) gets every dot run at once.
     */
    public void owe(int dots) {
        if (!lazy) {
            for (int i = 0; i < dots; i++) {
                step();
            }
            return;
        }
        owed += dots;
        if (owed >= untilEvent) {
            catchUp();
        }
    }

    /** Runs the dots owed by {@link #owe}, so the PPU's state is current. */
    public void catchUp() {
        int n = owed;
        if (n > 0) {
            owed = 0;
            run(n);
        }
        untilEvent = lazy ? dotsUntilEvent() : 1;
    }

    /** Dots from the current position up to and including the next event dot (see {@link #owe}), 1..frame. */
    private int dotsUntilEvent() {
        int here = scanline * DOTS + dot;
        int best = distance(here, 241 * DOTS + 1);
        best = Math.min(best, distance(here, preRender * DOTS + 1));
        best = Math.min(best, distance(here, preRender * DOTS + 339));
        return Math.min(best, distance(here, preRender * DOTS + 340));
    }

    private int distance(int here, int event) {
        int d = event - here;
        return (d >= 0 ? d : d + lines * DOTS) + 1;
    }

    /**
     * Runs {@code n} dots: the same work as {@code n} {@link #step()}s, with whole stretches done
     * at once where nothing outside the PPU can act in between (nothing can during a catch-up):
     * on a visible line with rendering on, each 8-dot fetch group (1-256, 321-336) as one
     * {@link #tileGroup} and the sprite fetches 257-320 as one {@link #spriteFetches}; with
     * rendering off, the line's pixels as one fill; the idle dots of the post-render and VBlank
     * lines skipped. Dot 0, dots 337-340, the pre-render line and the VBlank dot run per dot.
     */
    private void run(int n) {
        if (entryVersion != palette.version() || entryMask != (mask & 0xE1)) {
            refreshEntryColours();
        }
        while (n > 0) {
            int line = scanline;
            int d = dot;
            if (line < 240) {
                if ((mask & 0x18) != 0) {
                    if (n >= 8 && ((d - 1) & 7) == 0 && (d <= 249 || d == 321 || d == 329)) {
                        tileGroup(d <= 249);
                        n -= 8;
                        continue;
                    }
                    if (n >= 64 && d == 257) {
                        spriteFetches();
                        n -= 64;
                        continue;
                    }
                } else if (d >= 1 && d <= 256) {
                    int k = Math.min(n, 257 - d);
                    fillBackdrop(d - 1, k);
                    skip(k);
                    n -= k;
                    continue;
                } else if (d > 256 && d != 320) {
                    int k = Math.min(n, (d < 320 ? 320 : DOTS) - d);
                    skip(k);
                    n -= k;
                    continue;
                }
            } else if (line != preRender && (line != 241 || d > 1)) {
                int k = Math.min(n, DOTS - d); // idle dots of lines 240-260 (PAL 240-310)
                skip(k);
                n -= k;
                continue;
            }
            step();
            n--;
        }
    }

    /** Advances {@code k} dots within the line (to its end at most) on a line other than the pre-render line. */
    private void skip(int k) {
        dot += k;
        if (dot == DOTS) {
            dot = 0;
            scanline++;
        }
    }

    /**
     * The 8 dots of a background fetch group starting at {@link #dot} (1, 9, .. 249, 321, 329) on
     * a rendering line with rendering on, as {@link #step()} would run them: the reload of the
     * shift registers (not at 1 and 321), on visible pixels sprite evaluation (dot 65), the
     * overflow flag on its dot and the 8 pixels, then the nametable, attribute and pattern
     * fetches, coarse X increment (and Y at dot 256).
     */
    private void tileGroup(boolean pixels) {
        int d0 = dot;
        if (d0 >= 9 && d0 != 321) {
            reloadShifters();
        }
        if (pixels) {
            if (d0 == SpriteUnit.EVALUATION_START) {
                overflowDot = sprites.evaluate(scanline, spriteHeight());
            }
            if (overflowDot >= d0 && overflowDot < d0 + 8) {
                spriteOverflow = true;
                overflowDot = -1;
            }
            drawEight(d0 - 1);
        }
        int v = loopy.v;
        ntByte = bus.read(0x2000 | (v & 0x0FFF));
        int at = bus.read(0x23C0 | (v & 0x0C00) | ((v >> 4) & 0x38) | ((v >> 2) & 0x07));
        atBits = (at >> (((v >> 4) & 0x04) | (v & 0x02))) & 3;
        int pattern = ((ctrl & 0x10) << 8) | (ntByte << 4) | ((v >> 12) & 7);
        patLo = bus.read(pattern);
        patHi = bus.read(pattern + 8);
        loopy.incrementX();
        if (d0 == 249) {
            loopy.incrementY();
        }
        dot = d0 + 8;
    }

    /** Spreads the 8 bits of a byte to every fourth bit of an int (bit k to bit 4k). */
    private static final int[] SPREAD = new int[256];

    static {
        for (int b = 0; b < 256; b++) {
            int v = 0;
            for (int k = 0; k < 8; k++) {
                v |= ((b >> k) & 1) << (4 * k);
            }
            SPREAD[b] = v;
        }
    }

    /**
     * Pixels x0..x0+7 of the current line (as {@link #outputPixel} per dot): the 8 background
     * pixels are cut from the shift registers at fine X at once, 4 bits per pixel (attribute
     * &lt;&lt; 2 | pattern), and looked up in {@link #backgroundArgb}.
     */
    private void drawEight(int x0) {
        int m = mask;
        int[] out = frame;
        int at = scanline * WIDTH + x0;
        int packed = 0;
        if ((m & 0x08) != 0 && (x0 >= 8 || (m & 0x02) != 0)) {
            int sh = 8 - loopy.x;
            packed = SPREAD[(shiftLo >> sh) & 0xFF] | SPREAD[(shiftHi >> sh) & 0xFF] << 1
                    | SPREAD[(attrShiftLo >> sh) & 0xFF] << 2 | SPREAD[(attrShiftHi >> sh) & 0xFF] << 3;
        }
        int[] bgArgb = backgroundArgb;
        if ((sprites.groupsWithSprites & (1 << (x0 >> 3))) == 0 || (m & 0x10) == 0 || (x0 < 8 && (m & 0x04) == 0)) {
            for (int s = 28; s >= 0; s -= 4) {
                out[at++] = bgArgb[(packed >>> s) & 15];
            }
            return;
        }
        int[] argb = entryArgb;
        int[] spriteLine = sprites.line;
        for (int i = 0, s = 28; i < 8; i++, s -= 4) {
            int x = x0 + i;
            int bg = (packed >>> s) & 15;
            if ((bg & 3) == 0) {
                bg = 0;
            }
            int colourAddress = bg;
            int sp = spriteLine[x];
            if (sp != 0) {
                if (bg != 0 && (sp & 0x40) != 0 && x != 255) {
                    spriteZeroHit = true;
                }
                colourAddress = bg == 0 || (sp & 0x20) == 0 ? sp & 0x1F : bg;
            }
            out[at + i] = argb[colourAddress];
        }
    }

    /**
     * Dots 257-320 of a visible line with rendering on, as {@link #step()} would run them: reload,
     * horizontal copy, OAMADDR held at 0, the 8 sprite slots' garbage nametable and pattern
     * fetches, and the sprite line built at 320.
     */
    private void spriteFetches() {
        reloadShifters();
        loopy.copyX();
        oamAddr = 0;
        for (int slot = 0; slot < 8; slot++) {
            bus.read(0x2000 | (loopy.v & 0x0FFF));
            bus.read(0x2000 | (loopy.v & 0x0FFF));
            fetchSpritePattern(slot, false);
            fetchSpritePattern(slot, true);
        }
        sprites.buildLine();
        dot = 321;
    }

    /** {@code k} pixels from column {@code x0} with rendering off: the backdrop or the entry v points at. */
    private void fillBackdrop(int x0, int k) {
        int v = loopy.v & 0x3FFF;
        int start = scanline * WIDTH + x0;
        java.util.Arrays.fill(frame, start, start + k, entryArgb[v >= 0x3F00 ? v & 0x1F : 0]);
    }

    private void step() {
        boolean rendering = rendering();
        if (scanline < 240) {
            if (rendering) {
                if (dot == SpriteUnit.EVALUATION_START) {
                    overflowDot = sprites.evaluate(scanline, spriteHeight());
                } else if (dot == overflowDot) {
                    spriteOverflow = true;
                    overflowDot = -1;
                }
                renderStep(true);
            } else if (dot == 320) {
                sprites.count = 0; // no evaluation or fetches without rendering
                sprites.buildLine();
            }
            if (dot >= 1 && dot <= 256) {
                outputPixel(dot - 1);
            }
        } else if (scanline == 241) {
            if (dot == 1) {
                if (!suppressVblank) {
                    vblank = true;
                    updateNmi();
                }
                suppressVblank = false;
            }
        } else if (scanline == preRender) {
            if (dot == 1) {
                vblank = false;
                spriteZeroHit = false;
                spriteOverflow = false;
                updateNmi();
            }
            if (rendering) {
                renderStep(false);
                if (dot >= 280 && dot <= 304) {
                    loopy.copyY();
                }
            }
        }
        advance(rendering);
    }

    private void advance(boolean rendering) {
        if (skipsOddDot && scanline == preRender && dot == 339 && oddFrame && rendering) {
            dot = 340; // the skipped dot: fall through to the end of the frame
        }
        if (++dot < DOTS) {
            return;
        }
        dot = 0;
        if (++scanline == lines) {
            scanline = 0;
            frameCount++;
            oddFrame = !oddFrame;
        }
    }

    // What a rendering line (visible or pre-render) does on each dot, after the NESdev wiki's
    // "PPU rendering" timing diagram.
    private static final byte NOTHING = 0;
    private static final byte NT = 1;            // nametable byte
    private static final byte RELOAD_NT = 2;     // shift registers take the last tile; nametable byte
    private static final byte AT = 3;            // attribute byte
    private static final byte PAT_LO = 4;        // pattern low plane
    private static final byte PAT_HI = 5;        // pattern high plane
    private static final byte INC_X = 6;         // coarse X increment
    private static final byte INC_XY = 7;        // dot 256: coarse X and Y increments
    private static final byte LINE_END = 8;      // dot 257: reload, copy X, sprite evaluation, first sprite slot
    private static final byte SPR_NT = 9;        // sprite slot: garbage nametable fetch
    private static final byte SPR_LO = 10;       // sprite slot: pattern low
    private static final byte SPR_HI = 11;       // sprite slot: pattern high
    private static final byte SPR_IDLE = 12;     // sprite slot: OAMADDR held at 0
    private static final byte SPR_DONE = 13;     // dot 320: sprite line ready
    private static final byte RELOAD_DUMMY = 14; // dot 337: reload, unused nametable fetch
    private static final byte DUMMY = 15;        // dot 339: unused nametable fetch
    private static final byte[] ACTIONS = buildActions();

    private static byte[] buildActions() {
        byte[] a = new byte[DOTS];
        for (int d = 1; d <= 336; d++) {
            if (d > 256 && d < 321) {
                continue;
            }
            a[d] = switch ((d - 1) & 7) {
                case 0 -> d >= 9 && d != 321 ? RELOAD_NT : NT;
                case 2 -> AT;
                case 4 -> PAT_LO;
                case 6 -> PAT_HI;
                case 7 -> d == 256 ? INC_XY : INC_X;
                default -> NOTHING;
            };
        }
        for (int d = 258; d <= 320; d++) {
            a[d] = switch ((d - 257) & 7) {
                case 0, 2 -> SPR_NT;
                case 4 -> SPR_LO;
                case 6 -> SPR_HI;
                default -> SPR_IDLE;
            };
        }
        a[257] = LINE_END;
        a[320] = SPR_DONE;
        a[337] = RELOAD_DUMMY;
        a[339] = DUMMY;
        return a;
    }

    /**
     * One dot of a rendering line with rendering enabled: background fetches (nametable byte at
     * dot 1 of each 8-dot group, attribute at 3, pattern planes at 5 and 7, coarse X increment
     * at 8; Y increment at 256, horizontal copy at 257; the next line's first two tiles at
     * 321-336; unused nametable fetches at 337 and 339), sprite evaluation at 257 and sprite
     * fetches at 257-320 (OAMADDR held at 0). Tile data enter the shift registers at the start
     * of the next group; instead of shifting every dot, a reload shifts by 8 and the pixel is
     * taken at bit 15 - fine X - (x &amp; 7), which is the same.
     *
     * @param visible true on lines 0-239, false on the pre-render line (no evaluation)
     */
    private void renderStep(boolean visible) {
        switch (ACTIONS[dot]) {
            case NT -> ntByte = bus.read(0x2000 | (loopy.v & 0x0FFF));
            case RELOAD_NT -> {
                reloadShifters();
                ntByte = bus.read(0x2000 | (loopy.v & 0x0FFF));
            }
            case AT -> {
                int v = loopy.v;
                int at = bus.read(0x23C0 | (v & 0x0C00) | ((v >> 4) & 0x38) | ((v >> 2) & 0x07));
                atBits = (at >> (((v >> 4) & 0x04) | (v & 0x02))) & 3;
            }
            case PAT_LO -> patLo = bus.read(patternAddress());
            case PAT_HI -> patHi = bus.read(patternAddress() + 8);
            case INC_X -> loopy.incrementX();
            case INC_XY -> {
                loopy.incrementX();
                loopy.incrementY();
            }
            case LINE_END -> {
                reloadShifters();
                loopy.copyX();
                if (!visible) {
                    sprites.count = 0;
                    sprites.zeroOnLine = false;
                }
                oamAddr = 0;
                bus.read(0x2000 | (loopy.v & 0x0FFF));
            }
            case SPR_NT -> {
                oamAddr = 0;
                bus.read(0x2000 | (loopy.v & 0x0FFF));
            }
            case SPR_LO -> {
                oamAddr = 0;
                fetchSpritePattern((dot - 257) >> 3, false);
            }
            case SPR_HI -> {
                oamAddr = 0;
                fetchSpritePattern((dot - 257) >> 3, true);
            }
            case SPR_IDLE -> oamAddr = 0;
            case SPR_DONE -> {
                oamAddr = 0;
                sprites.buildLine();
            }
            case RELOAD_DUMMY -> {
                reloadShifters();
                ntByte = bus.read(0x2000 | (loopy.v & 0x0FFF));
            }
            case DUMMY -> ntByte = bus.read(0x2000 | (loopy.v & 0x0FFF));
            default -> {
            }
        }
    }

    private int patternAddress() {
        return ((ctrl & 0x10) << 8) | (ntByte << 4) | ((loopy.v >> 12) & 7);
    }

    private void reloadShifters() {
        shiftLo = ((shiftLo << 8) | patLo) & 0xFFFF;
        shiftHi = ((shiftHi << 8) | patHi) & 0xFFFF;
        attrShiftLo = ((attrShiftLo << 8) | ((atBits & 1) != 0 ? 0xFF : 0)) & 0xFFFF;
        attrShiftHi = ((attrShiftHi << 8) | ((atBits & 2) != 0 ? 0xFF : 0)) & 0xFFFF;
    }

    private int spriteHeight() {
        return (ctrl & 0x20) != 0 ? 16 : 8;
    }

    /** One sprite pattern plane for the slot of the current dot (257-320); empty slots fetch tile $FF and drop it. */
    private void fetchSpritePattern(int slot, boolean high) {
        int base = slot * 4;
        int y = sprites.secondary[base] & 0xFF;
        int tile = sprites.secondary[base + 1] & 0xFF;
        int attr = sprites.secondary[base + 2] & 0xFF;
        int row = (scanline - y) & 0xFF;
        int address;
        if ((ctrl & 0x20) != 0) {
            row &= 15;
            if ((attr & 0x80) != 0) {
                row = 15 - row;
            }
            address = ((tile & 1) << 12) | ((tile & 0xFE) << 4) | (row >= 8 ? 16 : 0) | (row & 7);
        } else {
            row &= 7;
            if ((attr & 0x80) != 0) {
                row = 7 - row;
            }
            address = ((ctrl & 0x08) << 9) | (tile << 4) | row;
        }
        int data = bus.read(high ? address + 8 : address);
        if (slot < sprites.count) {
            if ((attr & 0x40) != 0) {
                data = SpriteUnit.reverse(data);
            }
            if (high) {
                sprites.patternHi[slot] = data;
                sprites.attributes[slot] = attr;
                sprites.x[slot] = sprites.secondary[base + 3] & 0xFF;
            } else {
                sprites.patternLo[slot] = data;
            }
        }
    }

    private void outputPixel(int x) {
        if (entryVersion != palette.version() || entryMask != (mask & 0xE1)) {
            refreshEntryColours();
        }
        int colourAddress;
        if ((mask & 0x18) != 0) {
            int bg = 0;
            if ((mask & 0x08) != 0 && (x >= 8 || (mask & 0x02) != 0)) {
                int bit = 15 - loopy.x - (x & 7);
                int p = ((shiftLo >> bit) & 1) | (((shiftHi >> bit) & 1) << 1);
                if (p != 0) {
                    bg = (((attrShiftLo >> bit) & 1) | (((attrShiftHi >> bit) & 1) << 1)) << 2 | p;
                }
            }
            int sp = 0;
            if (sprites.lineHasSprites && (mask & 0x10) != 0 && (x >= 8 || (mask & 0x04) != 0)) {
                sp = sprites.pixel(x);
            }
            if (sp == 0) {
                colourAddress = bg;
            } else {
                if (bg != 0 && (sp & 0x40) != 0 && x != 255) {
                    spriteZeroHit = true;
                }
                colourAddress = bg == 0 || (sp & 0x20) == 0 ? sp & 0x1F : bg;
            }
        } else {
            // Rendering off: the backdrop, or the palette entry v points at (the "palette hack").
            int v = loopy.v & 0x3FFF;
            colourAddress = v >= 0x3F00 ? v & 0x1F : 0;
        }
        frame[scanline * WIDTH + x] = entryArgb[colourAddress];
    }

    private void refreshEntryColours() {
        entryVersion = palette.version();
        entryMask = mask & 0xE1;
        int emphasis = (mask >> 5) << 6;
        int grey = (mask & 0x01) != 0 ? 0x30 : 0x3F;
        for (int i = 0; i < 32; i++) {
            entryArgb[i] = colours[emphasis | (palette.read(0x3F00 | i) & grey)];
        }
        for (int i = 0; i < 16; i++) {
            backgroundArgb[i] = entryArgb[(i & 3) == 0 ? 0 : i];
        }
    }
}
