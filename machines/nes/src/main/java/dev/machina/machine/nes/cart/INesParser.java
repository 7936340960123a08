package dev.machina.machine.nes.cart;

import dev.machina.core.media.MediaException;

import java.util.Arrays;

/**
 * Decodes iNES 1.0 and NES 2.0 cartridge images (NESdev wiki, "INES" and "NES 2.0").
 *
 * <p>Every error is one {@link MediaException} line that starts with the file name and says
 * what is wrong and where: a file shorter than the header, wrong magic bytes, a header that
 * claims no PRG-ROM, and a file whose size disagrees with the sizes in its header (too short
 * or with bytes left over). Unsupported mappers are rejected later by
 * {@link dev.machina.machine.nes.mapper.Mappers}, not here.
 */
public final class INesParser {
    private static final byte[] MAGIC = {'N', 'E', 'S', 0x1A};

    private INesParser() {
    }

    /**
     * Parses a whole cartridge file.
     *
     * @param name  the file name used in messages
     * @param image the file's bytes
     * @throws MediaException on a truncated file, bad magic, a zero PRG-ROM size or sizes that
     *                        disagree with the file length
     */
    public static Cartridge parse(String name, byte[] image) throws MediaException {
        NesHeader h = parseHeader(name, image);
        long expected = h.expectedFileSize();
        if (image.length != expected) {
            String what = image.length < expected ? "the file is truncated: it has " + image.length + " bytes"
                    : "the file has " + (image.length - expected) + " extra bytes after CHR-ROM (" + image.length + " bytes)";
            throw new MediaException(String.format("%s: header says %d bytes of PRG-ROM and %d bytes of CHR-ROM%s (%d bytes with the header), but %s",
                    name, h.prgRomSize(), h.chrRomSize(), h.trainer() ? " after a 512-byte trainer" : "", expected, what));
        }
        int at = NesHeader.SIZE;
        byte[] trainer = null;
        if (h.trainer()) {
            trainer = Arrays.copyOfRange(image, at, at + NesHeader.TRAINER_SIZE);
            at += NesHeader.TRAINER_SIZE;
        }
        byte[] prg = Arrays.copyOfRange(image, at, at + h.prgRomSize());
        at += h.prgRomSize();
        byte[] chr = Arrays.copyOfRange(image, at, at + h.chrRomSize());
        return new Cartridge(name, h, prg, chr, trainer);
    }

    /**
     * Decodes the 16-byte header at the start of {@code image}.
     *
     * @throws MediaException when the image is shorter than 16 bytes, the magic is not
     *                        {@code "NES" $1A}, or the header gives no PRG-ROM
     */
    public static NesHeader parseHeader(String name, byte[] image) throws MediaException {
        if (image.length < NesHeader.SIZE) {
            throw new MediaException(name + ": truncated iNES header: the file has " + image.length + " bytes, a header needs 16");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (image[i] != MAGIC[i]) {
                throw new MediaException(String.format("%s: not an iNES file: bytes 0-3 are %02X %02X %02X %02X, expected 4E 45 53 1A (\"NES\" $1A)",
                        name, image[0] & 0xFF, image[1] & 0xFF, image[2] & 0xFF, image[3] & 0xFF));
            }
        }
        int f6 = image[6] & 0xFF;
        int f7 = image[7] & 0xFF;
        boolean nes2 = (f7 & 0x0C) == 0x08;
        boolean battery = (f6 & 0x02) != 0;
        boolean trainer = (f6 & 0x04) != 0;
        Mirroring mirroring = (f6 & 0x08) != 0 ? Mirroring.FOUR_SCREEN
                : (f6 & 0x01) != 0 ? Mirroring.VERTICAL : Mirroring.HORIZONTAL;
        int mapper;
        int submapper = 0;
        long prg;
        long chr;
        int chrRam;
        int prgRam;
        int prgNvram;
        TvSystem tv;
        if (nes2) {
            int b8 = image[8] & 0xFF;
            int b9 = image[9] & 0xFF;
            mapper = (f6 >> 4) | (f7 & 0xF0) | ((b8 & 0x0F) << 8);
            submapper = b8 >> 4;
            prg = romSize(image[4] & 0xFF, b9 & 0x0F, 16384);
            chr = romSize(image[5] & 0xFF, b9 >> 4, 8192);
            prgRam = shiftSize(image[10] & 0x0F);
            prgNvram = shiftSize((image[10] & 0xFF) >> 4);
            chrRam = shiftSize(image[11] & 0x0F) + shiftSize((image[11] & 0xFF) >> 4);
            tv = TvSystem.values()[image[12] & 0x03];
        } else {
            // Archaic headers with text ("DiskDude!") in bytes 7-15: the wiki advises ignoring
            // the upper mapper nibble when bytes 12-15 are not all zero.
            boolean dirty = image[12] != 0 || image[13] != 0 || image[14] != 0 || image[15] != 0;
            mapper = (f6 >> 4) | (dirty ? 0 : (f7 & 0xF0));
            prg = (image[4] & 0xFF) * 16384L;
            chr = (image[5] & 0xFF) * 8192L;
            chrRam = chr == 0 ? 8192 : 0;
            prgRam = battery ? 0 : 8192;
            prgNvram = battery ? 8192 : 0;
            tv = (image[9] & 0x01) != 0 ? TvSystem.PAL : TvSystem.NTSC;
        }
        if (prg == 0) {
            throw new MediaException(name + ": header says the cartridge has no PRG-ROM (byte 4 is 0)");
        }
        if (prg > Integer.MAX_VALUE - 64 || chr > Integer.MAX_VALUE - 64 || prg + chr > Integer.MAX_VALUE - 1024) {
            throw new MediaException(String.format("%s: header says %d bytes of PRG-ROM and %d bytes of CHR-ROM, too large for any cartridge",
                    name, prg, chr));
        }
        return new NesHeader(nes2, mapper, submapper, (int) prg, (int) chr, chrRam, prgRam, prgNvram,
                mirroring, battery, trainer, tv);
    }

    /**
     * NES 2.0 ROM size: with MSB nibble $F the LSB byte is EEEEEEMM, size 2^E * (MM*2+1);
     * otherwise (MSB << 8 | LSB) units.
     */
    private static long romSize(int lsb, int msb, int unit) {
        if (msb == 0x0F) {
            int exponent = lsb >> 2;
            int multiplier = (lsb & 3) * 2 + 1;
            return exponent >= 40 ? Long.MAX_VALUE / 4 : (1L << exponent) * multiplier;
        }
        return ((long) msb << 8 | lsb) * unit;
    }

    /** NES 2.0 RAM size from a shift count: 0 means none, otherwise 64 &lt;&lt; shift bytes. */
    private static int shiftSize(int shift) {
        return shift == 0 ? 0 : 64 << shift;
    }
}
