package dev.machina.core.machine;

import dev.machina.core.media.MediaException;
import dev.machina.core.media.RomSet;

import java.util.List;

/**
 * A machine plug-in: data (what it is, which CPUs, which ROMs, which media slots) plus a wiring
 * function, after MAME's drivers. Found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.machina.core.machine.MachineDefinition}).
 */
public interface MachineDefinition {

    /** How complete the emulation is, as MAME flags drivers. */
    enum Status {
        /** Runs its software correctly. */
        WORKING,
        /** Runs but with known gaps. */
        IMPERFECT,
        /** Under construction. */
        NOT_WORKING;

        /** Lower-case display form, e.g. {@code not working}. */
        public String display() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    /** Short name used on the command line, e.g. {@code nes}, {@code cpm}, {@code linux-aarch64}. */
    String name();

    /** One line, e.g. {@code Nintendo Entertainment System (NTSC)}. */
    String description();

    /** Year of the real system, e.g. {@code "1985"}. */
    String year();

    /** Maker of the real system. */
    String manufacturer();

    /** CPU model names it uses, main CPU first. */
    List<String> cpus();

    /** Emulation status. */
    Status status();

    /** The ROM images it needs (firmware, BIOS); empty for most. */
    default RomSet roms() {
        return RomSet.none(name());
    }

    /** Where it takes media. */
    default List<MediaSlot> mediaSlots() {
        return List.of();
    }

    /** Machine-specific options of {@code machina run} (none by default). */
    default List<MachineOption> options() {
        return List.of();
    }

    /**
     * Builds the machine.
     *
     * @throws MediaException when required media or ROMs are missing or malformed
     */
    Machine build(MachineConfig config) throws MediaException;
}
