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

    /**
     * Fills secondary OAM with the sprites that cover scanline {@code line + 1}.
     *
     * @param line   the current scanline, 0..239
     * @param height 8 or 16
     * @return true when the sprite-overflow flag must be set
     */
    boolean evaluate(int line, int height) {
        Arrays.fill(secondary, (byte) 0xFF);
        count = 0;
        zeroOnLine = false;
        int n = 0;
        for (; n < 64 && count < 8; n++) {
            int y = oam[n * 4] & 0xFF;
            if (inRange(line, y, height)) {
                System.arraycopy(oam, n * 4, secondary, count * 4, 4);
                if (n == 0) {
                    zeroOnLine = true;
                }
                count++;
            }
        }
        int m = 0;
        while (n < 64) {
            int y = oam[n * 4 + m] & 0xFF;
            if (inRange(line, y, height)) {
                return true;
            }
            n++;
            m = (m + 1) & 3; // the hardware bug: m should stay 0
        }
        return false;
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

    /** Builds {@link #line} from the fetched units (after the sprite fetches, dot 320). */
    void buildLine() {
        if (lineHasSprites) {
            Arrays.fill(line, 0);
        }
        lineHasSprites = false;
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
                }
            }
        }
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
