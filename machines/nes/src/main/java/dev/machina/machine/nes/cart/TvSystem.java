package dev.machina.machine.nes.cart;

/** CPU/PPU timing a cartridge was made for (NES 2.0 byte 12; iNES 1.0 flag 9 bit 0). NESdev wiki, "NES 2.0". */
public enum TvSystem {
    /** RP2C02 / RP2A03, 60 Hz. */
    NTSC,
    /** RP2C07 / RP2A07, 50 Hz. */
    PAL,
    /** Works on both. */
    MULTIPLE,
    /** UA6538 ("Dendy") clone timing. */
    DENDY
}
