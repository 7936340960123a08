package dev.machina.machine.nes.machine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Assembles a test program of ours with ca65/ld65 (Debian cc65) into an NROM-128 iNES image:
 * segment {@code CODE} at $C000 (16 KiB PRG, mirrored at $8000), {@code VECTORS} at $FFFA,
 * optional {@code CHR} (8 KiB CHR-ROM). The header is written by this class: mapper and flags 6
 * as given.
 */
final class Ca65 {
    private static final String CONFIG = """
            MEMORY {
              HDR: start = 0, size = 16, file = %O, fill = yes;
              PRG: start = $C000, size = $3FFA, file = %O, fill = yes;
              VEC: start = $FFFA, size = 6, file = %O, fill = yes;
              CHR: start = 0, size = $2000, file = %O, fill = yes;
            }
            SEGMENTS {
              HEADER: load = HDR, type = ro;
              CODE: load = PRG, type = ro;
              VECTORS: load = VEC, type = ro;
              CHR: load = CHR, type = ro, optional = yes;
            }
            """;

    private Ca65() {
    }

    static boolean available() {
        return onPath("ca65") && onPath("ld65");
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param flags6 iNES byte 6 (bit 0 vertical mirroring, bit 1 battery)
     * @param source ca65 source with segments CODE, VECTORS and optionally CHR
     * @return the .nes file
     */
    static Path build(Path dir, String name, int flags6, String source) throws IOException, InterruptedException {
        Path s = dir.resolve(name + ".s");
        String header = String.format(".segment \"HEADER\"\n.byte \"NES\", $1A, 1, 1, $%02X, 0, 0, 0, 0, 0, 0, 0, 0, 0\n", flags6);
        Files.writeString(s, header + source);
        Path cfg = dir.resolve(name + ".cfg");
        Files.writeString(cfg, CONFIG);
        run(dir, List.of("ca65", s.toString(), "-o", dir.resolve(name + ".o").toString()));
        Path nes = dir.resolve(name + ".nes");
        run(dir, List.of("ld65", "-C", cfg.toString(), dir.resolve(name + ".o").toString(), "-o", nes.toString()));
        return nes;
    }

    /**
     * @param header the 16 iNES header bytes as a ca65 {@code .byte} list
     * @param config the ld65 memory/segment configuration (with a HEADER segment)
     */
    static Path build(Path dir, String name, String header, String config, String source) throws IOException, InterruptedException {
        Path s = dir.resolve(name + ".s");
        Files.writeString(s, ".segment \"HEADER\"\n.byte " + header + "\n" + source);
        Path cfg = dir.resolve(name + ".cfg");
        Files.writeString(cfg, config);
        run(dir, List.of("ca65", s.toString(), "-o", dir.resolve(name + ".o").toString()));
        Path nes = dir.resolve(name + ".nes");
        run(dir, List.of("ld65", "-C", cfg.toString(), dir.resolve(name + ".o").toString(), "-o", nes.toString()));
        return nes;
    }

    private static void run(Path dir, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + command);
        assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + out);
    }
}
