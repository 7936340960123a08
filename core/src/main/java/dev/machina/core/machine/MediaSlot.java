package dev.machina.core.machine;

import java.util.List;

/**
 * A place a machine takes media: a cartridge port, a floppy drive, an executable to run.
 *
 * @param name        option name on the command line, e.g. {@code "cart"} for {@code --cart}
 * @param description e.g. {@code "cartridge (iNES / NES 2.0)"}
 * @param extensions  accepted file extensions, lower case without dot
 * @param required    true when the machine cannot start without it
 */
public record MediaSlot(String name, String description, List<String> extensions, boolean required) {
    public MediaSlot {
        extensions = List.copyOf(extensions);
    }
}
