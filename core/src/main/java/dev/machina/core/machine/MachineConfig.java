package dev.machina.core.machine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a user chose for one run: media per slot, where ROMs are, and machine options.
 *
 * @param media   file per {@link MediaSlot#name()}
 * @param rompath directories searched for the machine's ROM set, in order
 * @param options machine-specific settings (e.g. {@code region=pal}), names lower case
 */
public record MachineConfig(Map<String, Path> media, List<Path> rompath, Map<String, String> options) {
    public MachineConfig {
        media = Map.copyOf(media);
        rompath = List.copyOf(rompath);
        options = Map.copyOf(options);
    }

    /** No media, no ROM path, no options. */
    public static MachineConfig empty() {
        return new MachineConfig(Map.of(), List.of(), Map.of());
    }
}
