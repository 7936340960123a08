package dev.machina.cpu.arm.a64;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Assembles A64 source with Debian's {@code aarch64-linux-gnu-as} (package binutils-aarch64-linux-gnu) at test time. */
final class CrossAssembler {
    static final String AS = "aarch64-linux-gnu-as";
    static final String OBJCOPY = "aarch64-linux-gnu-objcopy";

    private CrossAssembler() {
    }

    static boolean available() {
        return onPath(AS) && onPath(OBJCOPY);
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** The raw machine code of {@code source} (section .text, little-endian). */
    static byte[] assemble(String source) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("a64asm");
        try {
            Path s = dir.resolve("t.s");
            Files.writeString(s, ".text\n" + source + "\n");
            run(dir, AS, "-o", "t.o", "t.s");
            run(dir, OBJCOPY, "-O", "binary", "-j", ".text", "t.o", "t.bin");
            return Files.readAllBytes(dir.resolve("t.bin"));
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    private static void run(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(cmd)).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }
}
