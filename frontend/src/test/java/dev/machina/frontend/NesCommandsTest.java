package dev.machina.frontend;

import dev.machina.core.plugin.Registry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** The NES commands through the CLI with the installed plug-ins (the nes machine and the 6502 family). */
class NesCommandsTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Cli.run(Registry.load(), new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8), args);
        return new Result(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    @Test
    void runWithoutMachineRunsTheDemoAndWritesAPng() throws Exception {
        Path png = dir.resolve("shot.png");
        Result r = run("run", "--frames", "3", "--screenshot", png.toString());
        assertEquals(0, r.code(), r.err());
        byte[] b = Files.readAllBytes(png);
        assertEquals((byte) 0x89, b[0]);
        assertEquals("PNG", new String(b, 1, 3, StandardCharsets.US_ASCII));
        Path wav = dir.resolve("a.wav");
        r = run("run", "--region", "pal", "--frames", "50", "--wav", wav.toString()); // MACHINE omitted, a machine option first
        assertEquals(0, r.code(), r.err());
        assertEquals(44 + 2 * 48_000, Files.size(wav), 2 * 100, "50 PAL frames are 1 s of 48 kHz mono 16-bit audio");
    }

    @Test
    void badRomsAreOneLineUserErrors() throws Exception {
        Path bad = dir.resolve("bad.nes");
        Files.write(bad, new byte[] {'N', 'E', 'S'});
        for (String[] args : new String[][] {
                {"run", "nes", "--cart", bad.toString(), "--frames", "1"},
                {"validate", "blargg", bad.toString()},
                {"validate", "nestest", bad.toString(), "--log", bad.toString()},
                {"bench", "nes", "--cart", bad.toString(), "--frames", "1"}}) {
            Result r = run(args);
            assertEquals(2, r.code(), String.join(" ", args));
            assertTrue(r.err().startsWith("machina: "), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
    }

    @Test
    void benchPrintsFramesPerSecond() {
        Result r = run("bench", "nes", "--frames", "5");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().matches("(?s)nes demo\\.nes: 5 frames in .* frames/s \\(thread CPU time: .* frames/s\\)\\s*"), r.out());
    }
}
