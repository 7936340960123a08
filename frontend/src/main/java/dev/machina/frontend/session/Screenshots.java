package dev.machina.frontend.session;

import dev.machina.core.machine.ScreenFormat;
import dev.machina.core.video.PngWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Screenshot files: the machine's frame at its own resolution as PNG (core {@link PngWriter},
 * atomic), named {@code TITLE-YYYYMMDD-HHMMSS.png} (a {@code -2}, {@code -3}, ... suffix when
 * two land in the same second).
 */
public final class Screenshots {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private Screenshots() {
    }

    /** {@code name} with everything but letters, digits, dot, dash and underscore turned into {@code _}. */
    public static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /**
     * Writes {@code frame} into {@code dir}.
     *
     * @return the file written
     * @throws IOException when it cannot be written (message names the file)
     */
    public static Path write(Path dir, String title, LocalDateTime time, int[] frame, ScreenFormat screen) throws IOException {
        Files.createDirectories(dir);
        String base = safe(title) + "-" + STAMP.format(time);
        Path f = dir.resolve(base + ".png");
        for (int n = 2; Files.exists(f); n++) {
            f = dir.resolve(base + "-" + n + ".png");
        }
        PngWriter.write(f, frame, screen.width(), screen.height());
        return f;
    }
}
