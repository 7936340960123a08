package dev.machina.machine.linuxuser;

import dev.machina.core.machine.MachineConfig;
import dev.machina.core.machine.RunOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an AArch64 program under machina's {@code linux-aarch64} (in-process) and under Debian's
 * {@code qemu-aarch64-static} (the reference), with the same arguments, environment and stdin.
 */
final class GuestRunner {
    /** What a run produced. */
    record Result(byte[] stdout, byte[] stderr, int status) {
        String out() {
            return new String(stdout, java.nio.charset.StandardCharsets.UTF_8);
        }

        String err() {
            return new String(stderr, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    static final String QEMU = "qemu-aarch64-static";
    static final String GCC = "aarch64-linux-gnu-gcc";

    private GuestRunner() {
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Debian's busybox-static for arm64, unpacked by {@code .ci/run} into
     * {@code ~/.cache/machina/busybox-static-arm64} (or named by MACHINA_BUSYBOX_ARM64).
     */
    static Path busybox() {
        String env = System.getenv("MACHINA_BUSYBOX_ARM64");
        return env != null ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "machina", "busybox-static-arm64", "bin", "busybox");
    }

    static Result machina(List<String> argv, byte[] stdin, Map<String, String> options) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream po = new PrintStream(out, true);
        PrintStream pe = new PrintStream(err, true);
        int status = new LinuxAarch64().build(new MachineConfig(Map.of(), List.of(), options, argv))
                .run(new RunOptions(0, 0, null, null, null, new ByteArrayInputStream(stdin), po, pe));
        po.flush();
        pe.flush();
        return new Result(out.toByteArray(), err.toByteArray(), status);
    }

    static Result qemu(List<String> argv, byte[] stdin) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(QEMU);
        cmd.addAll(argv);
        Process p = new ProcessBuilder(cmd).start();
        var errBytes = new java.util.concurrent.CompletableFuture<byte[]>();
        Thread t = new Thread(() -> {
            try {
                errBytes.complete(p.getErrorStream().readAllBytes());
            } catch (IOException e) {
                errBytes.completeExceptionally(e);
            }
        });
        t.start();
        Thread w = new Thread(() -> {
            try (var o = p.getOutputStream()) {
                o.write(stdin);
            } catch (IOException e) {
                // the program may exit without reading its input
            }
        });
        w.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("qemu timed out: " + argv);
        }
        t.join();
        w.join();
        return new Result(out, errBytes.join(), p.exitValue());
    }

    /** Compiles our own C source with {@code aarch64-linux-gnu-gcc -static} and the given flags. */
    static Path compile(Path dir, String resource, String output, String... flags) throws Exception {
        Path src = dir.resolve(resource);
        try (var in = GuestRunner.class.getResourceAsStream(resource)) {
            Files.write(src, in.readAllBytes());
        }
        List<String> cmd = new ArrayList<>(List.of(GCC, "-static"));
        cmd.addAll(List.of(flags));
        cmd.addAll(List.of("-o", dir.resolve(output).toString(), src.toString(), "-lm"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed:\n" + log);
        }
        return dir.resolve(output);
    }
}
