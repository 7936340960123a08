package dev.machina.machine.nes.ppu;

import java.util.Arrays;

/**
 * Sprites: primary OAM (64 sprites x 4 bytes: Y, tile, attributes, X), secondary OAM (the up
 * to 8 sprites of the next scanline), and the 8 sprite output units (pattern shift data,
 * attributes, X position). NESdev wiki, "PPU OAM" and "PPU sprite evaluation".
 *
 * <p>Evaluation for the next scanline is done in one step at dot 257 (the hardware spreads it
 * over dots 65-256) and reproduces the sprite-overflow bug: once 8 sprites are found, the
 * search for a ninth increments both the sprite index n and the byte index m, so it compares
 * tile, attribute and X bytes as if they were Y coordinates.
 */
public final class SpriteUnit {
    final byte[] oam = new byte[256];
    final byte[] secondary = new byte[32];
    int count;
    boolean zeroOnLine;
    final int[] patternLo = new int[8];
    final int[] patternHi = new int[8];
    final int[] attributes = new int[8];
    final int[] x = new int[8];

    /** The first dot of sprite evaluation. */
    static final int EVALUATION_START = 65;

    /**
     * Fills secondary OAM with the sprites that cover scanline {@code line + 1}, and says on
     * which dot the hardware would set the sprite-overflow flag. Evaluation starts at dot 65;
     * every OAM byte it copies takes 2 dots (a read on the odd dot, a write on the even one), so
     * a sprite out of range costs 2 dots and one in range 8; the overflow flag is set on the
     * odd dot that reads the ninth in-range byte (NESdev wiki "PPU sprite evaluation").
     *
     * @param line   the current scanline, 0..239
     * @param height 8 or 16
     * @return the dot (65..256) on which the overflow flag is set, or -1 for no overflow
     */
    int evaluate(int line, int height) {
        Arrays.fill(secondary, (byte) 0xFF);
        count = 0;
        zeroOnLine = false;
        int dot = EVALUATION_START;
        int n = 0;
        for (; n < 64 && count < 8; n++) {
            int y = oam[n * 4] & 0xFF;
            dot += 2;
            if (inRange(line, y, height)) {
                System.arraycopy(oam, n * 4, secondary, count * 4, 4);
                if (n == 0) {
                    zeroOnLine = true;
                }
                count++;
                dot += 6;
            }
        }
        int m = 0;
        while (n < 64) {
            int y = oam[n * 4 + m] & 0xFF;
            if (inRange(line, y, height)) {
                return dot;
            }
            dot += 2;
            n++;
            m = (m + 1) & 3; // the hardware bug: m should stay 0
        }
        return -1;
    }

    private static boolean inRange(int line, int y, int height) {
        int row = line - y;
        return row >= 0 && row < height;
    }

    /**
     * The sprite pixels of the line about to be drawn, per screen column: bits 4-0 the palette
     * index (0x10 | palette &lt;&lt; 2 | pixel) of the first opaque sprite in OAM order, bit 5
     * its behind-background priority, bit 6 set when it is sprite 0; 0 when transparent.
     */
    final int[] line = new int[256];
    /** True when {@link #line} holds any sprite pixel. */
    boolean lineHasSprites;
    /** Bit g set when columns 8g..8g+7 of {@link #line} hold a sprite pixel. */
    int groupsWithSprites;

    /** Builds {@link #line} from the fetched units (after the sprite fetches, dot 320). */
    void buildLine() {
        if (lineHasSprites) {
            Arrays.fill(line, 0);
        }
        lineHasSprites = false;
        int groups = 0;
        for (int i = count - 1; i >= 0; i--) { // lower OAM index drawn last: it wins
            int a = attributes[i];
            int base = 0x10 | (a & 3) << 2 | (a & 0x20) | (i == 0 && zeroOnLine ? 0x40 : 0);
            for (int c = 0; c < 8; c++) {
                int column = x[i] + c;
                if (column > 255) {
                    break;
                }
                int shift = 7 - c;
                int p = ((patternLo[i] >> shift) & 1) | (((patternHi[i] >> shift) & 1) << 1);
                if (p != 0) {
                    line[column] = base | p;
                    lineHasSprites = true;
                    groups |= 1 << (column >> 3);
                }
            }
        }
        groupsWithSprites = groups;
    }

    /** The sprite pixel at {@code column} of the current line (see {@link #line}). */
    int pixel(int column) {
        return line[column];
    }

    void save(dev.machina.core.state.StateWriter out) {
        out.bytes(oam).bytes(secondary).u8(count).bool(zeroOnLine);
        dev.machina.machine.nes.StateArrays.writeInts(out, patternLo);
        dev.machina.machine.nes.StateArrays.writeInts(out, patternHi);
        dev.machina.machine.nes.StateArrays.writeInts(out, attributes);
        dev.machina.machine.nes.StateArrays.writeInts(out, x);
    }

    void load(dev.machina.core.state.StateReader in) throws dev.machina.core.state.StateException {
        dev.machina.machine.nes.StateArrays.readBytes(in, oam);
        dev.machina.machine.nes.StateArrays.readBytes(in, secondary);
        count = in.u8();
        if (count > 8) {
            throw new dev.machina.core.state.StateException("ppu: " + count + " sprites on a line");
        }
        zeroOnLine = in.bool();
        dev.machina.machine.nes.StateArrays.readInts(in, patternLo, "ppu sprite patterns");
        dev.machina.machine.nes.StateArrays.readInts(in, patternHi, "ppu sprite patterns");
        dev.machina.machine.nes.StateArrays.readInts(in, attributes, "ppu sprite attributes");
        dev.machina.machine.nes.StateArrays.readInts(in, x, "ppu sprite x");
        lineHasSprites = true;
        buildLine();
    }

    /** Reverses the bits of a byte (horizontal flip). */
    static int reverse(int b) {
        return Integer.reverse(b) >>> 24;
    }
}
