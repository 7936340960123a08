package dev.machina.core.media;

import java.util.List;
import java.util.Objects;

/**
 * The ROM images a machine needs, found in a folder or zip file named {@link #name()} in one
 * of the rompath directories.
 *
 * @param name short name of the set (usually the machine's), e.g. {@code "pcxt"}
 * @param roms the images, in listing order
 */
public record RomSet(String name, List<RomDefinition> roms) {
    /** A set that needs no ROMs. */
    public static RomSet none(String name) {
        return new RomSet(name, List.of());
    }

    public RomSet {
        Objects.requireNonNull(name);
        roms = List.copyOf(roms);
    }
}
