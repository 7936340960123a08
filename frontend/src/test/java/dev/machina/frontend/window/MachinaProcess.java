package dev.machina.frontend.window;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code machina} in a child JVM (the test's own class path), so that DISPLAY and ALSOFT_CONF
 * are set before GLFW and OpenAL load. Output goes to {@code NAME.out} and {@code NAME.err}.
 */
final class MachinaProcess implements AutoCloseable {
    final Process process;
    final Path err;

    private MachinaProcess(Process process, Path err) {
        this.process = process;
        this.err = err;
    }

    static MachinaProcess start(Path dir, String name, Map<String, String> env, String... args) throws IOException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-cp", cp, "dev.machina.frontend.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("WAYLAND_DISPLAY");
        pb.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString()); // no user mapping file
        pb.environment().putAll(env);
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        return new MachinaProcess(pb.start(), err);
    }

    /** Waits for exit; returns the status, or -1 after killing it on timeout. */
    int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
            return -1;
        }
        return process.exitValue();
    }

    String stderr() throws IOException {
        return Files.exists(err) ? Files.readString(err, StandardCharsets.UTF_8) : "";
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
