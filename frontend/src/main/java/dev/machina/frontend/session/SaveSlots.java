package dev.machina.frontend.session;

import dev.machina.core.machine.Presentable;
import dev.machina.core.state.StateException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Numbered save-state slots (1..{@value #SLOTS}) of one machine and title:
 * {@code DIR/MACHINE-TITLE.N.state}. Files are core {@code SaveState} images (magic, container
 * version, machine name and state version, tagged chunks, CRC-32), written atomically; loading
 * a file of another machine or version is refused and changes nothing.
 */
public final class SaveSlots {
    /** Number of slots. */
    public static final int SLOTS = 9;

    private final Path dir;
    private final String stem;
    private int slot = 1;

    /**
     * @param dir     folder of the state files (created on the first save)
     * @param machine machine short name
     * @param title   title of what runs (a file name without extension)
     */
    public SaveSlots(Path dir, String machine, String title) {
        this.dir = dir;
        this.stem = Screenshots.safe(machine + "-" + title);
    }

    /** The current slot, 1..9. */
    public int slot() {
        return slot;
    }

    /** Moves to the next (+1) or previous (-1) slot, wrapping. */
    public int step(int delta) {
        slot = Math.floorMod(slot - 1 + delta, SLOTS) + 1;
        return slot;
    }

    /** The file of slot {@code n}. */
    public Path file(int n) {
        return dir.resolve(stem + "." + n + ".state");
    }

    /**
     * Saves the machine into the current slot.
     *
     * @return the file written
     * @throws StateException when the folder or file cannot be written (message names it)
     */
    public Path save(Presentable machine) throws StateException {
        Path f = file(slot);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StateException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        machine.saveState().saveTo(f);
        return f;
    }

    /**
     * Loads the current slot into the machine, all or nothing.
     *
     * @return the file read
     * @throws StateException when the slot is empty, the file is corrupt, or it holds a state of
     *                        another machine or version (the machine is then unchanged)
     */
    public Path load(Presentable machine) throws StateException {
        Path f = file(slot);
        machine.saveState().loadFrom(f);
        return f;
    }
}
