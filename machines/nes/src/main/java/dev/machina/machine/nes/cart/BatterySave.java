package dev.machina.machine.nes.cart;

import dev.machina.core.io.AtomicFiles;
import dev.machina.core.media.MediaException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Battery-backed PRG-RAM kept in a {@code .sav} file next to the cartridge image
 * ({@code game.nes} -&gt; {@code game.sav}), the convention most NES emulators share.
 * Saves are written with {@link AtomicFiles}, so a failed write leaves the previous save intact.
 */
public final class BatterySave {
    private final Path file;

    /** @param file the save file, see {@link #nextTo(Path)} */
    public BatterySave(Path file) {
        this.file = file;
    }

    /** The save file for cartridge {@code rom}: the same name with its extension replaced by {@code .sav}. */
    public static BatterySave nextTo(Path rom) {
        String n = rom.getFileName().toString();
        int dot = n.lastIndexOf('.');
        String base = dot > 0 ? n.substring(0, dot) : n;
        return new BatterySave(rom.resolveSibling(base + ".sav"));
    }

    /** The save file's path. */
    public Path file() {
        return file;
    }

    /**
     * Fills {@code ram} from the save file. A missing file leaves {@code ram} untouched and
     * returns false (a new game).
     *
     * @return true when a save was loaded
     * @throws MediaException when the file cannot be read or its size differs from {@code ram.length}
     */
    public boolean load(byte[] ram) throws MediaException {
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new MediaException(file + ": cannot read battery save: " + e.getMessage(), e);
        }
        if (data.length != ram.length) {
            throw new MediaException(file + ": battery save has " + data.length + " bytes, the cartridge's PRG-RAM has " + ram.length);
        }
        System.arraycopy(data, 0, ram, 0, ram.length);
        return true;
    }

    /**
     * Writes {@code ram} to the save file atomically.
     *
     * @throws IOException when the write fails; the previous save file is then unchanged
     */
    public void save(byte[] ram) throws IOException {
        AtomicFiles.write(file, ram.clone());
    }
}
