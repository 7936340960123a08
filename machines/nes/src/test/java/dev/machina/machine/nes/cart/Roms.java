package dev.machina.machine.nes.cart;

/** Builds iNES images for tests: every PRG 8 KiB bank and CHR 1 KiB bank is filled with its own bank number. */
public final class Roms {
    private Roms() {
    }

    /** An iNES 1.0 header. */
    public static byte[] header(int prg16k, int chr8k, int flags6, int flags7) {
        return new byte[]{'N', 'E', 'S', 0x1A, (byte) prg16k, (byte) chr8k, (byte) flags6, (byte) flags7, 0, 0, 0, 0, 0, 0, 0, 0};
    }

    /** A whole iNES 1.0 image for {@code mapper}; PRG byte = 8 KiB bank number, CHR byte = 1 KiB bank number. */
    public static byte[] image(int mapper, int prg16k, int chr8k, int extraFlags6) {
        byte[] h = header(prg16k, chr8k, ((mapper & 0x0F) << 4) | extraFlags6, mapper & 0xF0);
        byte[] out = new byte[16 + prg16k * 16384 + chr8k * 8192];
        System.arraycopy(h, 0, out, 0, 16);
        for (int i = 0; i < prg16k * 16384; i++) {
            out[16 + i] = (byte) (i >> 13);
        }
        for (int i = 0; i < chr8k * 8192; i++) {
            out[16 + prg16k * 16384 + i] = (byte) (i >> 10);
        }
        return out;
    }

    /** Parses {@link #image}. */
    public static Cartridge cart(int mapper, int prg16k, int chr8k, int extraFlags6) {
        try {
            return INesParser.parse("test.nes", image(mapper, prg16k, chr8k, extraFlags6));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
