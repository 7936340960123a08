package dev.machina.machine.nes.demo;

import dev.machina.machine.nes.cart.Cartridge;
import dev.machina.machine.nes.cart.INesParser;
import dev.machina.machine.nes.cart.Mirroring;
import dev.machina.machine.nes.mapper.Mapper;
import dev.machina.machine.nes.mapper.Mappers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Assembles our demo cartridge (src/main/asm/demo.s) with ca65/ld65 and checks the image it makes. */
class DemoCartridgeBuildTest {
    @TempDir
    Path dir;

    static Path asmDir() {
        Path module = Path.of("src/main/asm");
        if (Files.isDirectory(module)) {
            return module;
        }
        return Path.of(System.getProperty("machina.root", "."), "machines/nes/src/main/asm");
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    private static void run(Path workDir, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + command);
        assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + out);
    }

    /** Builds demo.nes into {@code dir} and returns its path. */
    static Path build(Path dir) throws IOException, InterruptedException {
        Path src = asmDir().toAbsolutePath();
        run(dir, List.of("ca65", src.resolve("demo.s").toString(), "-o", dir.resolve("demo.o").toString()));
        run(dir, List.of("ld65", "-C", src.resolve("demo.cfg").toString(), dir.resolve("demo.o").toString(),
                "-o", dir.resolve("demo.nes").toString()));
        return dir.resolve("demo.nes");
    }

    @Test
    void assemblesToAnNromCartridge() throws Exception {
        assumeTrue(onPath("ca65") && onPath("ld65"), "needs ca65 and ld65 (Debian package cc65)");
        Path nes = build(dir);
        Cartridge cart = INesParser.parse("demo.nes", Files.readAllBytes(nes));
        assertEquals(0, cart.header().mapper());
        assertEquals(16384, cart.header().prgRomSize());
        assertEquals(8192, cart.header().chrRomSize());
        assertEquals(Mirroring.VERTICAL, cart.header().mirroring());
        Mapper m = Mappers.create(cart);
        int nmi = m.cpuRead(0xFFFA) | m.cpuRead(0xFFFB) << 8;
        int reset = m.cpuRead(0xFFFC) | m.cpuRead(0xFFFD) << 8;
        int irq = m.cpuRead(0xFFFE) | m.cpuRead(0xFFFF) << 8;
        assertEquals(0xC000, reset, "reset is the first code in PRG");
        assertTrue(nmi > 0xC000 && nmi < 0xFFFA, "NMI handler in PRG: " + Integer.toHexString(nmi));
        assertEquals(0x40, m.cpuRead(irq), "the IRQ vector points at an RTI");
        assertEquals(0x78, m.cpuRead(reset), "reset starts with SEI");
        // CHR: tile 5 is the letter M (both planes), sprite tile 0 the ball
        assertEquals(0b11000110, m.read(5 * 16));
        assertEquals(0b11000110, m.read(5 * 16 + 8));
        assertEquals(0x3C, m.read(0x1000));
    }

    @Test
    void committedBinaryIsWhatTheSourceAssemblesTo() throws Exception {
        assumeTrue(onPath("ca65") && onPath("ld65"), "needs ca65 and ld65 (Debian package cc65)");
        byte[] built = Files.readAllBytes(build(dir));
        byte[] committed;
        try (var in = DemoCartridgeBuildTest.class.getResourceAsStream("/dev/machina/machine/nes/demo/demo.nes")) {
            assertNotNull(in, "demo.nes resource");
            committed = in.readAllBytes();
        }
        assertArrayEquals(built, committed, "rebuild demo.nes from src/main/asm (see its README.md)");
    }
}
