package dev.machina.machine.nes.cart;

/**
 * The decoded 16-byte iNES or NES 2.0 header (NESdev wiki, "INES" and "NES 2.0").
 *
 * @param nes2         true for an NES 2.0 header (byte 7 bits 3-2 = %10), false for iNES 1.0
 * @param mapper       mapper number, 0..4095 (iNES 1.0: 0..255)
 * @param submapper    NES 2.0 submapper, 0..15 (0 for iNES 1.0)
 * @param prgRomSize   PRG-ROM bytes, &gt; 0
 * @param chrRomSize   CHR-ROM bytes, 0 when the board has CHR-RAM
 * @param chrRamSize   CHR-RAM bytes (volatile plus battery-backed): iNES 1.0 gives 8192 when
 *                     there is no CHR-ROM; NES 2.0 gives it in byte 11
 * @param prgRamSize   volatile PRG-RAM bytes (NES 2.0 byte 10 low nibble; iNES 1.0: 8192 without
 *                     battery, as the wiki recommends, because byte 8 is unreliable)
 * @param prgNvramSize battery-backed PRG-RAM bytes (NES 2.0 byte 10 high nibble; iNES 1.0: 8192
 *                     when the battery flag is set)
 * @param mirroring    hard-wired nametable mirroring (flag 6 bits 0 and 3); mappers with
 *                     mirroring control override it
 * @param battery      flag 6 bit 1: the board keeps PRG-RAM alive with a battery
 * @param trainer      flag 6 bit 2: a 512-byte trainer precedes PRG-ROM
 * @param tvSystem     intended timing
 */
public record NesHeader(boolean nes2, int mapper, int submapper, int prgRomSize, int chrRomSize, int chrRamSize,
                        int prgRamSize, int prgNvramSize, Mirroring mirroring, boolean battery, boolean trainer,
                        TvSystem tvSystem) {

    /** Size of the header in bytes. */
    public static final int SIZE = 16;
    /** Size of the optional trainer in bytes. */
    public static final int TRAINER_SIZE = 512;

    /** Total PRG-RAM bytes the board has ($6000-$7FFF window), volatile plus battery-backed. */
    public int totalPrgRamSize() {
        return prgRamSize + prgNvramSize;
    }

    /** The file size this header implies: header, trainer, PRG-ROM and CHR-ROM. */
    public long expectedFileSize() {
        return (long) SIZE + (trainer ? TRAINER_SIZE : 0) + prgRomSize + chrRomSize;
    }
}
