package dev.machina.machine.cpm;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Assembles the test programs in {@code src/test/asm} with z80asm (Debian package z80asm) at test time. */
final class Z80Asm {
    private Z80Asm() {
    }

    static boolean available() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "z80asm"))) {
                return true;
            }
        }
        return false;
    }

    /** Assembles {@code src/test/asm/NAME.asm} into {@code dir/NAME.com}; skips the test when z80asm is missing. */
    static Path assemble(String name, Path dir) throws IOException, InterruptedException {
        assumeTrue(available(), "needs z80asm (Debian package z80asm)");
        Path source = Path.of("src", "test", "asm", name + ".asm").toAbsolutePath();
        Path out = dir.resolve(name + ".com");
        Process p = new ProcessBuilder("z80asm", "-o", out.toString(), source.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0 || !Files.isRegularFile(out)) {
            throw new IOException("z80asm failed on " + source + ":\n" + log);
        }
        return out;
    }
}
