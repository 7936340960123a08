package dev.machina.machine.nes.cart;

import dev.machina.core.media.MediaException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/** Header layouts from the NESdev wiki pages "INES" and "NES 2.0". */
class INesParserTest {

    @Test
    void inesHeaderFields() throws MediaException {
        // 2 x 16 KiB PRG, 1 x 8 KiB CHR, mapper $41 -> low nibble 1 in flag 6, high nibble 4 in flag 7; vertical, battery
        byte[] img = Roms.image(0x41, 2, 1, 0x03);
        Cartridge c = INesParser.parse("g.nes", img);
        NesHeader h = c.header();
        assertFalse(h.nes2());
        assertEquals(0x41, h.mapper());
        assertEquals(32768, h.prgRomSize());
        assertEquals(8192, h.chrRomSize());
        assertEquals(0, h.chrRamSize());
        assertEquals(Mirroring.VERTICAL, h.mirroring());
        assertTrue(h.battery());
        assertEquals(8192, h.prgNvramSize());
        assertEquals(0, h.prgRamSize());
        assertEquals(32768, c.prgRom().length);
        assertEquals(1, c.prgRom()[8192]);
        assertEquals(3, c.chrRom()[3 * 1024]);
        assertNull(c.trainer());
    }

    @Test
    void chrRamWhenNoChrRomAndFourScreen() throws MediaException {
        NesHeader h = INesParser.parse("g.nes", Roms.image(2, 1, 0, 0x08)).header();
        assertEquals(0, h.chrRomSize());
        assertEquals(8192, h.chrRamSize());
        assertEquals(Mirroring.FOUR_SCREEN, h.mirroring());
        assertEquals(8192, h.prgRamSize());
        assertFalse(h.battery());
    }

    @Test
    void trainerPrecedesPrg() throws MediaException {
        byte[] base = Roms.image(0, 1, 1, 0x04);
        byte[] img = new byte[base.length + 512];
        System.arraycopy(base, 0, img, 0, 16);
        Arrays.fill(img, 16, 16 + 512, (byte) 0x77);
        System.arraycopy(base, 16, img, 16 + 512, base.length - 16);
        Cartridge c = INesParser.parse("g.nes", img);
        assertEquals(512, c.trainer().length);
        assertEquals(0x77, c.trainer()[0]);
        assertEquals(0, c.prgRom()[0]);
    }

    @Test
    void archaicHeaderIgnoresUpperMapperNibble() throws MediaException {
        byte[] img = Roms.image(0x14, 1, 1, 0);
        System.arraycopy("DiskDude!".getBytes(), 0, img, 7, 9);
        assertEquals(4, INesParser.parse("g.nes", img).header().mapper());
    }

    @Test
    void nes2Fields() throws MediaException {
        byte[] img = Roms.image(4, 2, 1, 0x02);
        img[7] = 0x08 | 0x10;           // NES 2.0, mapper high nibble 1
        img[8] = 0x31;                  // submapper 3, mapper bits 11-8 = 1
        img[9] = 0x00;
        img[10] = 0x70;                 // PRG-NVRAM 64 << 7 = 8192, no volatile PRG-RAM
        img[11] = 0x07;                 // CHR-RAM 8192 (also CHR-ROM present)
        img[12] = 0x01;                 // PAL
        NesHeader h = INesParser.parse("g.nes", img).header();
        assertTrue(h.nes2());
        assertEquals(0x114, h.mapper());
        assertEquals(3, h.submapper());
        assertEquals(0, h.prgRamSize());
        assertEquals(8192, h.prgNvramSize());
        assertEquals(8192, h.chrRamSize());
        assertEquals(TvSystem.PAL, h.tvSystem());
    }

    @Test
    void nes2ExponentMultiplierSize() throws MediaException {
        // PRG MSB nibble $F: byte 4 = EEEEEEMM; E=15, MM=0 -> 2^15 * 1 = 32768
        byte[] img = Roms.image(0, 2, 1, 0);
        img[7] = 0x08;
        img[9] = 0x0F;
        img[4] = (byte) (15 << 2);
        assertEquals(32768, INesParser.parse("g.nes", img).header().prgRomSize());
        // E=13, MM=1 -> 8192 * 3 = 24576
        assertEquals(24576, INesParser.parseHeader("g.nes", withByte(img, 4, (13 << 2) | 1)).prgRomSize());
    }

    private static byte[] withByte(byte[] img, int at, int v) {
        byte[] c = img.clone();
        c[at] = (byte) v;
        return c;
    }

    @Test
    void truncatedHeader() {
        MediaException e = assertThrows(MediaException.class, () -> INesParser.parse("short.nes", new byte[10]));
        assertEquals("short.nes: truncated iNES header: the file has 10 bytes, a header needs 16", e.getMessage());
    }

    @Test
    void badMagic() {
        byte[] img = Roms.image(0, 1, 1, 0);
        img[0] = 'M';
        img[1] = 'Z';
        MediaException e = assertThrows(MediaException.class, () -> INesParser.parse("x.nes", img));
        assertEquals("x.nes: not an iNES file: bytes 0-3 are 4D 5A 53 1A, expected 4E 45 53 1A (\"NES\" $1A)", e.getMessage());
    }

    @Test
    void truncatedBody() {
        byte[] img = Arrays.copyOf(Roms.image(0, 2, 1, 0), 16400);
        MediaException e = assertThrows(MediaException.class, () -> INesParser.parse("t.nes", img));
        assertEquals("t.nes: header says 32768 bytes of PRG-ROM and 8192 bytes of CHR-ROM (40976 bytes with the header),"
                + " but the file is truncated: it has 16400 bytes", e.getMessage());
    }

    @Test
    void extraBytes() {
        byte[] img = Arrays.copyOf(Roms.image(0, 1, 1, 0), 16 + 16384 + 8192 + 100);
        MediaException e = assertThrows(MediaException.class, () -> INesParser.parse("o.nes", img));
        assertEquals("o.nes: header says 16384 bytes of PRG-ROM and 8192 bytes of CHR-ROM (24592 bytes with the header),"
                + " but the file has 100 extra bytes after CHR-ROM (24692 bytes)", e.getMessage());
    }

    @Test
    void noPrgRom() {
        byte[] img = Roms.header(0, 1, 0, 0);
        MediaException e = assertThrows(MediaException.class, () -> INesParser.parse("z.nes", img));
        assertEquals("z.nes: header says the cartridge has no PRG-ROM (byte 4 is 0)", e.getMessage());
    }
}
