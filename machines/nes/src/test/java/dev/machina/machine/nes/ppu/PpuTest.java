package dev.machina.machine.nes.ppu;

import dev.machina.core.media.MediaException;
import dev.machina.core.sched.InterruptLine;
import dev.machina.machine.nes.cart.Roms;
import dev.machina.machine.nes.mapper.Mapper;
import dev.machina.machine.nes.mapper.Mappers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Expected values from the NESdev wiki pages "PPU frame timing", "PPU scrolling", "PPU rendering", "PPU sprite evaluation". */
class PpuTest {
    private Mapper cart;
    private InterruptLine nmi;
    private Ppu ppu;
    private int nmiEdges;

    @BeforeEach
    void setUp() throws MediaException {
        cart = Mappers.create(Roms.cart(0, 1, 0, 1)); // NROM, CHR-RAM, vertical mirroring
        nmi = new InterruptLine("nmi");
        nmi.setListener((l, asserted) -> {
            if (asserted) {
                nmiEdges++;
            }
        });
        ppu = new Ppu(cart, nmi);
        ppu.reset();
    }

    private void runTo(int line, int dot) {
        int guard = 0;
        while (ppu.scanline() != line || ppu.dot() != dot) {
            ppu.tick();
            if (++guard > 2 * 89342) {
                fail("never reached line " + line + " dot " + dot);
            }
        }
    }

    private void setAddress(int a) {
        ppu.writeRegister(6, a >> 8);
        ppu.writeRegister(6, a & 0xFF);
    }

    private void poke(int a, int... values) {
        setAddress(a);
        for (int v : values) {
            ppu.writeRegister(7, v);
        }
    }

    private boolean vblankFlag() {
        return (ppu.readRegister(2) & 0x80) != 0;
    }

    // ------------------------------------------------------------------ VBlank and NMI

    @Test
    void vblankSetAtLine241Dot1() {
        // From power-on at line 0 dot 0, the dot (241, 1) is the 241*341+2 = 82,183rd dot.
        for (int i = 0; i < 82182; i++) {
            ppu.tick();
        }
        assertEquals(241, ppu.scanline());
        assertEquals(1, ppu.dot());
        ppu.writeRegister(0, 0x80);
        assertFalse(nmi.isAsserted());
        ppu.tick();
        assertTrue(nmi.isAsserted(), "NMI output = VBlank AND $2000 bit 7");
        assertTrue(vblankFlag());
        assertFalse(nmi.isAsserted(), "reading $2002 clears VBlank and so the NMI level");
    }

    @Test
    void vblankClearedAtLine261Dot1() {
        ppu.writeRegister(0, 0x80);
        runTo(261, 1);
        assertTrue(nmi.isAsserted());
        ppu.tick();
        assertFalse(nmi.isAsserted());
        assertFalse(vblankFlag());
        assertEquals(1, nmiEdges);
        // the flag is set for exactly 20 lines: 20*341 dots
    }

    @Test
    void vblankLastsTwentyLines() {
        runTo(241, 2);
        int dots = 0;
        while (ppu.scanline() != 261 || ppu.dot() != 2) {
            ppu.tick();
            dots++;
        }
        assertEquals(20 * 341, dots);
    }

    @Test
    void enablingNmiDuringVblankAssertsAgain() {
        runTo(250, 0);
        assertFalse(nmi.isAsserted());
        ppu.writeRegister(0, 0x80);
        assertTrue(nmi.isAsserted());
        ppu.writeRegister(0, 0x00);
        assertFalse(nmi.isAsserted());
        ppu.writeRegister(0, 0x80);
        assertEquals(2, nmiEdges, "each 0->1 change of bit 7 during VBlank is a new NMI edge");
    }

    @Test
    void readingStatusOneDotBeforeVblankSuppressesIt() {
        ppu.writeRegister(0, 0x80);
        runTo(241, 1);
        assertFalse(vblankFlag(), "reads clear");
        runTo(260, 0);
        assertFalse(vblankFlag(), "the flag is never set in this frame");
        assertEquals(0, nmiEdges, "and no NMI");
    }

    @Test
    void readingStatusOnTheSetDotReadsSetAndClears() {
        ppu.writeRegister(0, 0x80);
        runTo(241, 2);
        assertTrue(vblankFlag());
        assertFalse(nmi.isAsserted());
        assertFalse(vblankFlag());
    }

    @Test
    void statusReadClearsWriteToggle() {
        ppu.writeRegister(5, 0x10);
        assertTrue(ppu.loopy().w());
        ppu.readRegister(2);
        assertFalse(ppu.loopy().w());
    }

    // ------------------------------------------------------------------ loopy registers

    @Test
    void scrollingExampleFromTheWiki() {
        // NESdev wiki "PPU scrolling", the worked example of $2000/$2005/$2006 writes.
        LoopyRegisters l = ppu.loopy();
        ppu.writeRegister(0, 0x00);
        assertEquals(0x0000, l.t() & 0x0C00);
        ppu.readRegister(2);
        assertFalse(l.w());
        ppu.writeRegister(5, 0x7D);
        assertEquals(0b000_00_00000_01111, l.t());
        assertEquals(0b101, l.fineX());
        assertTrue(l.w());
        ppu.writeRegister(5, 0x5E);
        assertEquals(0b110_00_01011_01111, l.t());
        assertFalse(l.w());
        ppu.writeRegister(6, 0x3D);
        assertEquals(0b011_11_01011_01111, l.t());
        assertTrue(l.w());
        ppu.writeRegister(6, 0xF0);
        assertEquals(0b011_11_01111_10000, l.t());
        assertEquals(l.t(), l.v());
        assertFalse(l.w());
    }

    @Test
    void coarseXAndYWrap() {
        LoopyRegisters l = new LoopyRegisters();
        l.v = 0x001F;                 // coarse X 31 in nametable 0
        l.incrementX();
        assertEquals(0x0400, l.v());  // coarse X 0, nametable 1
        l.v = 0x7000 | (29 << 5);     // fine Y 7, coarse Y 29
        l.incrementY();
        assertEquals(0x0800, l.v());  // coarse Y 0, nametable 2
        l.v = 0x7000 | (31 << 5);     // coarse Y 31 (attribute rows): wraps without switching
        l.incrementY();
        assertEquals(0x0000, l.v());
    }

    // ------------------------------------------------------------------ VRAM access

    @Test
    void readBufferDelaysNametableReadsButNotPalette() {
        poke(0x2345, 0x11, 0x22);
        setAddress(0x2345);
        ppu.readRegister(7);                        // stale buffer
        assertEquals(0x11, ppu.readRegister(7));
        assertEquals(0x22, ppu.readRegister(7));
        poke(0x3F01, 0x2A);
        poke(0x2F01, 0x33);                          // the nametable byte "under" $3F01
        setAddress(0x3F01);
        assertEquals(0x2A, ppu.readRegister(7) & 0x3F, "palette reads are immediate");
        setAddress(0x2000);
        assertEquals(0x33, ppu.readRegister(7), "the buffer got the nametable byte under the palette");
    }

    @Test
    void increment32AndPaletteMirrors() {
        ppu.writeRegister(0, 0x04);
        poke(0x2000, 1, 2);
        ppu.writeRegister(0, 0x00);
        setAddress(0x2020);
        ppu.readRegister(7);
        assertEquals(2, ppu.readRegister(7), "second byte went to $2020");
        poke(0x3F10, 0x05);
        assertEquals(0x05, ppu.palette().read(0x3F00), "$3F10 mirrors $3F00");
        poke(0x3F1C, 0x07);
        assertEquals(0x07, ppu.palette().read(0x3F0C));
        poke(0x3F11, 0x09);
        assertNotEquals(0x09, ppu.palette().read(0x3F01), "$3F11 is its own entry");
        assertEquals(0x05, ppu.palette().read(0x3FE0), "$3F20-$3FFF mirror $3F00-$3F1F");
    }

    @Test
    void oamDmaWritesFromOamAddr() {
        ppu.writeRegister(3, 0x10);
        for (int i = 0; i < 256; i++) {
            ppu.oamDmaWrite(i);
        }
        assertEquals(0x00, ppu.oam()[0x10] & 0xFF);
        assertEquals(0xEF, ppu.oam()[0xFF] & 0xFF);
        assertEquals(0xF0, ppu.oam()[0x00] & 0xFF, "wraps around");
        ppu.writeRegister(3, 0x02);
        assertEquals(0xF2 & 0xE3, ppu.readRegister(4), "attribute bytes read with bits 4-2 clear");
    }

    // ------------------------------------------------------------------ frame timing

    @Test
    void oddFramesAreOneDotShorterWhenRendering() {
        ppu.writeRegister(1, 0x08);
        long[] lengths = new long[4];
        for (int f = 0; f < 4; f++) {
            long start = ppu.frameCount();
            long n = 0;
            do {
                ppu.tick();
                n++;
            } while (ppu.frameCount() == start);
            lengths[f] = n;
        }
        // frames 0 (even), 1 (odd), 2, 3
        assertArrayEquals(new long[]{89342, 89341, 89342, 89341}, lengths);
    }

    @Test
    void framesAreFullLengthWhenNotRendering() {
        for (int f = 0; f < 2; f++) {
            long start = ppu.frameCount();
            long n = 0;
            do {
                ppu.tick();
                n++;
            } while (ppu.frameCount() == start);
            assertEquals(89342, n);
        }
    }

    // ------------------------------------------------------------------ rendering

    /** Tile 1: row r has pattern bits lo = 0xF0 >> (r & 3), hi = r * 0x11, so all four pixel values occur. */
    private void makeTile(int table, int tile) {
        setAddress(table + tile * 16);
        for (int r = 0; r < 8; r++) {
            ppu.writeRegister(7, (0xF0 >> (r & 3)) & 0xFF);
        }
        for (int r = 0; r < 8; r++) {
            ppu.writeRegister(7, (r * 0x11) & 0xFF);
        }
    }

    private static int tilePixel(int row, int col) {
        int lo = ((0xF0 >> (row & 3)) >> (7 - col)) & 1;
        int hi = (((row * 0x11) & 0xFF) >> (7 - col)) & 1;
        return hi << 1 | lo;
    }

    private void setPalette() {
        // backdrop $0F, BG palette 1 = $16 $1A $12, sprite palette 2 = $27 $2B $21
        poke(0x3F00, 0x0F);
        poke(0x3F05, 0x16, 0x1A, 0x12);
        poke(0x3F19, 0x27, 0x2B, 0x21);
    }

    @Test
    void backgroundTileRendersAsThePaletteSays() {
        makeTile(0x0000, 1);
        poke(0x2000 + 2 * 32 + 3, 1);   // nametable row 2, column 3 -> pixels (24..31, 16..23)
        poke(0x23C0, 0x40);             // attribute byte of the top-left 32x32 area; row 2 col 3 is its bottom-right 16x16: bits 7-6
        setPalette();
        ppu.writeRegister(5, 0);
        ppu.writeRegister(5, 0);
        ppu.writeRegister(0, 0x00);
        ppu.writeRegister(1, 0x0A);     // background on, left column on
        runTo(261, 0);                   // v is set from t on the pre-render line
        runTo(240, 0);
        int[] pal = {0x0F, 0x16, 0x1A, 0x12};
        int[] fb = ppu.frameBuffer();
        for (int y = 16; y < 24; y++) {
            for (int x = 24; x < 32; x++) {
                int expected = NtscPalette.argb(0, pal[tilePixel(y - 16, x - 24)]);
                assertEquals(expected, fb[y * 256 + x], "pixel " + x + "," + y);
            }
        }
        assertEquals(NtscPalette.argb(0, 0x0F), fb[0], "tile 0 is blank: backdrop");
        assertEquals(NtscPalette.argb(0, 0x0F), fb[23 * 256 + 32]);
    }

    @Test
    void fineXScrollShiftsTheBackground() {
        makeTile(0x0000, 1);
        poke(0x2000, 1);
        poke(0x23C0, 0x01);
        setPalette();
        ppu.readRegister(2);
        ppu.writeRegister(5, 3);        // fine X 3
        ppu.writeRegister(5, 0);
        ppu.writeRegister(0, 0);        // nametable 0
        ppu.writeRegister(1, 0x0A);
        runTo(261, 0);
        runTo(240, 0);
        int[] pal = {0x0F, 0x16, 0x1A, 0x12};
        for (int x = 0; x < 5; x++) {
            assertEquals(NtscPalette.argb(0, pal[tilePixel(1, x + 3)]), ppu.frameBuffer()[256 + x], "column " + x);
        }
    }

    @Test
    void spriteRendersFlippedOverBackdropAndHitsSpriteZero() {
        makeTile(0x0000, 1);
        makeTile(0x1000, 2);
        setPalette();
        // background: tile 1 everywhere in rows 3..5 of the nametable (pixels y 24..47)
        for (int row = 3; row < 6; row++) {
            for (int col = 0; col < 32; col++) {
                poke(0x2000 + row * 32 + col, 1);
            }
        }
        // sprite 0 at X=40, Y=30 -> lines 31..38, tile 2 from $1000, palette 2, horizontally flipped
        byte[] oam = ppu.oam();
        java.util.Arrays.fill(oam, (byte) 0xFF);
        oam[0] = 30;
        oam[1] = 2;
        oam[2] = 0x42;
        oam[3] = 40;
        ppu.readRegister(2);
        ppu.writeRegister(5, 0);
        ppu.writeRegister(5, 0);
        ppu.writeRegister(0, 0x08);     // sprites from $1000
        ppu.writeRegister(1, 0x1E);     // both on, both left columns on
        runTo(261, 0);
        runTo(0, 0);
        // find the dot where sprite 0 hit is first seen
        int hitLine = -1;
        int hitDot = -1;
        while (ppu.scanline() < 240) {
            ppu.tick();
            if ((ppu.readRegister(2) & 0x40) != 0) {
                hitLine = ppu.scanline();
                hitDot = ppu.dot() - 1;
                break;
            }
        }
        // Sprite row 0 is on line 31. Pixel (x, 31) is output on dot x+1. Flipped: sprite column c
        // shows tile column 7-c. The first opaque sprite pixel where the background is opaque too:
        int expectedX = -1;
        for (int c = 0; c < 8 && expectedX < 0; c++) {
            int x = 40 + c;
            int bgPixel = tilePixel(31 - 24, x & 7);
            if (tilePixel(0, 7 - c) != 0 && bgPixel != 0) {
                expectedX = x;
            }
        }
        assertEquals(31, hitLine);
        assertEquals(expectedX + 1, hitDot);
        runTo(240, 0);
        int[] spPal = {0, 0x27, 0x2B, 0x21};
        int[] fb = ppu.frameBuffer();
        for (int r = 0; r < 8; r++) {
            for (int c = 0; c < 8; c++) {
                int y = 31 + r;
                int x = 40 + c;
                int sp = tilePixel(r, 7 - c);
                int expected;
                if (sp != 0) {
                    expected = NtscPalette.argb(0, spPal[sp]);
                } else {
                    int bg = y >= 24 && y < 48 ? tilePixel(y & 7, x & 7) : 0;
                    // attribute 0 -> BG palette 0 ($3F01-$3F03, not written: colour $00)
                    expected = NtscPalette.argb(0, bg == 0 ? 0x0F : ppu.palette().read(0x3F00 + bg));
                }
                assertEquals(expected, fb[y * 256 + x], "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void ninthSpriteSetsOverflow() {
        byte[] oam = ppu.oam();
        java.util.Arrays.fill(oam, (byte) 0xFF);
        for (int i = 0; i < 9; i++) {
            oam[i * 4] = 50;
            oam[i * 4 + 3] = (byte) (i * 10);
        }
        ppu.writeRegister(1, 0x10);
        // Evaluation starts at dot 65: 8 sprites in range take 8 dots each (Y read and write,
        // then 3 more bytes), so the ninth sprite's Y is read on dot 65 + 64 = 129.
        runTo(50, 129);
        assertEquals(0, ppu.readRegister(2) & 0x20);
        ppu.tick();
        assertEquals(0x20, ppu.readRegister(2) & 0x20);
        runTo(261, 2);
        assertEquals(0, ppu.readRegister(2) & 0x20, "cleared at the pre-render line");
    }

    @Test
    void overflowBugFalsePositiveAndFalseNegative() {
        byte[] oam = ppu.oam();
        java.util.Arrays.fill(oam, (byte) 0xFF);
        for (int i = 0; i < 8; i++) {
            oam[i * 4] = 50;
        }
        // sprite 8 is off the line; the buggy search then reads sprite 9's byte 1 (its tile) as a Y
        oam[8 * 4] = (byte) 200;
        oam[9 * 4] = (byte) 200;
        oam[9 * 4 + 1] = 48;      // 50 - 48 = 2: "in range"
        ppu.writeRegister(1, 0x10);
        // 8 in range (64 dots), sprite 8 out of range (2 dots), sprite 9's tile byte read on dot 131
        runTo(50, 131);
        assertEquals(0, ppu.readRegister(2) & 0x20);
        ppu.tick();
        assertEquals(0x20, ppu.readRegister(2) & 0x20, "false positive");

        setUp0();
        oam = ppu.oam();
        java.util.Arrays.fill(oam, (byte) 0xFF);
        for (int i = 0; i < 8; i++) {
            oam[i * 4] = 50;
        }
        oam[8 * 4] = (byte) 200;   // checked with m=0: off the line
        oam[9 * 4] = 50;           // really on the line, but checked with m=1 (tile byte $FF)
        oam[9 * 4 + 1] = (byte) 0xFF;
        ppu.writeRegister(1, 0x10);
        runTo(50, 258);
        assertEquals(0, ppu.readRegister(2) & 0x20, "false negative: a ninth sprite the bug misses");
    }

    private void setUp0() {
        try {
            setUp();
        } catch (MediaException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void renderingOffShowsBackdropWithGreyscaleAndEmphasis() {
        poke(0x3F00, 0x16);
        setAddress(0x2000);              // v away from the palette
        ppu.writeRegister(1, 0x01 | 0x20); // greyscale, red emphasis, rendering off
        runTo(1, 0);
        assertEquals(NtscPalette.argb(1, 0x10), ppu.frameBuffer()[5], "greyscale keeps bits 5-4: $16 -> $10");
    }

    @Test
    void paletteHasTheExpectedHuesAndLevels() {
        int black = NtscPalette.argb(0, 0x0F);
        assertEquals(0xFF000000, black);
        assertEquals(0xFFFFFFFF, NtscPalette.argb(0, 0x30));
        assertEquals(NtscPalette.argb(0, 0x20), NtscPalette.argb(0, 0x30), "$20 and $30 are the same voltage");
        assertEquals(black, NtscPalette.argb(0, 0x1D), "$1D is the black level");
        int red = NtscPalette.argb(0, 0x16);
        int green = NtscPalette.argb(0, 0x1A);
        int blue = NtscPalette.argb(0, 0x12);
        assertTrue(r(red) > g(red) && r(red) > b(red), "$16 is red");
        assertTrue(g(green) > r(green) && g(green) > b(green), "$1A is green");
        assertTrue(b(blue) > r(blue) && b(blue) > g(blue), "$12 is blue");
        int grey = NtscPalette.argb(0, 0x10);
        assertEquals(r(grey), g(grey));
        assertEquals(g(grey), b(grey));
        int redEmph = NtscPalette.argb(1, 0x10);
        assertTrue(r(redEmph) > g(redEmph) && r(redEmph) > b(redEmph), "red emphasis dims green and blue more");
        assertTrue(r(redEmph) + g(redEmph) + b(redEmph) < r(grey) + g(grey) + b(grey), "emphasis attenuates");
    }

    private static int r(int argb) {
        return (argb >> 16) & 0xFF;
    }

    private static int g(int argb) {
        return (argb >> 8) & 0xFF;
    }

    private static int b(int argb) {
        return argb & 0xFF;
    }
}
