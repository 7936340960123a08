package dev.machina.machine.cpm;

import dev.machina.core.media.MediaException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads and checks a CP/M {@code .COM} file: a flat image loaded at 0100H, 1 to {@link CpmMemoryMap#TPA_SIZE} bytes. */
public final class ComFile {
    private ComFile() {
    }

    /**
     * @return the file's bytes
     * @throws MediaException when the file is missing or unreadable, empty, or larger than the TPA
     *                        (the message names the file and the sizes)
     */
    public static byte[] read(Path file) throws MediaException {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new MediaException(file + ": no such file");
        } catch (IOException e) {
            throw new MediaException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (size == 0) {
            throw new MediaException(file + ": empty .COM file");
        }
        if (size > CpmMemoryMap.TPA_SIZE) {
            throw new MediaException(String.format("%s: %d bytes does not fit the TPA (0100H-%04XH, at most %d bytes)",
                    file, size, CpmMemoryMap.TPA_END - 1, CpmMemoryMap.TPA_SIZE));
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new MediaException(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
