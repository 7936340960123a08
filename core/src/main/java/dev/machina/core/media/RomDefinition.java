package dev.machina.core.media;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * One ROM image a machine needs, identified as MAME identifies dumps: file name, size and
 * hashes.
 *
 * @param name    file name inside the ROM set (a folder or zip named after the set)
 * @param size    size in bytes, &gt; 0
 * @param crc32   CRC-32 (ISO-HDLC, as zip uses) of the whole image, 0..0xFFFFFFFF
 * @param sha1    SHA-1 of the whole image: 40 lower-case hex digits
 * @param status  whether a good dump is known
 */
public record RomDefinition(String name, long size, long crc32, String sha1, DumpStatus status) {

    /** What is known of the dump, as MAME's {@code BAD_DUMP}/{@code NO_DUMP} flags. */
    public enum DumpStatus {
        /** A verified good dump: the hashes are the real chip's. */
        GOOD,
        /** The only dump known is faulty: matching it is "best available", not good. */
        BAD_DUMP,
        /** The chip has never been dumped: hashes are unknown and it cannot be missing. */
        NO_DUMP
    }

    /**
     * @throws IllegalArgumentException on an empty name, non-positive size, CRC outside 32 bits
     *                                  or a malformed SHA-1
     */
    public RomDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        if (name.isBlank() || size <= 0 || crc32 < 0 || crc32 > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("invalid ROM definition " + name + " size " + size + " crc " + crc32);
        }
        sha1 = sha1.toLowerCase(Locale.ROOT);
        if (status != DumpStatus.NO_DUMP && !sha1.matches("[0-9a-f]{40}")) {
            throw new IllegalArgumentException("ROM " + name + ": SHA-1 must be 40 hex digits, got '" + sha1 + "'");
        }
    }

    /** A good dump. */
    public static RomDefinition of(String name, long size, long crc32, String sha1) {
        return new RomDefinition(name, size, crc32, sha1, DumpStatus.GOOD);
    }

    /** CRC-32 as 8 lower-case hex digits. */
    public String crcHex() {
        return HexFormat.of().toHexDigits((int) crc32);
    }
}
