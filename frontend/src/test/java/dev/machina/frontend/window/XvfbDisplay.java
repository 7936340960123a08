package dev.machina.frontend.window;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A private X server for the window tests: {@code Xvfb :N} (Debian {@code xvfb}) on the first free
 * display number from 90, 1024x768x24, with Mesa's software OpenGL (Debian {@code libgl1-mesa-dri}).
 * Tests skip, naming the package, when a part is missing.
 */
final class XvfbDisplay implements AutoCloseable {
    private final Process process;
    private final String display;

    private XvfbDisplay(Process process, String display) {
        this.process = process;
        this.display = display;
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    static boolean debianPackage(String name) {
        try {
            Process p = new ProcessBuilder("dpkg-query", "-W", "-f=${Status}", name).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            return p.waitFor() == 0 && out.contains("install ok installed");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Starts a server, or skips the test when Xvfb or Mesa is missing. */
    static XvfbDisplay start() throws Exception {
        assumeTrue(onPath("Xvfb"), "needs Xvfb (Debian xvfb)");
        assumeTrue(debianPackage("libgl1-mesa-dri") || Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/dri/swrast_dri.so")),
                "needs Mesa's software OpenGL (Debian libgl1-mesa-dri)");
        for (int n = 90; n < 200; n++) {
            if (Files.exists(Path.of("/tmp/.X11-unix/X" + n)) || Files.exists(Path.of("/tmp/.X" + n + "-lock"))) {
                continue;
            }
            Process p = new ProcessBuilder("Xvfb", ":" + n, "-screen", "0", "1024x768x24", "-nolisten", "tcp")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Path socket = Path.of("/tmp/.X11-unix/X" + n);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < until && p.isAlive() && !Files.exists(socket)) {
                Thread.sleep(20);
            }
            if (p.isAlive() && Files.exists(socket)) {
                return new XvfbDisplay(p, ":" + n);
            }
            p.destroyForcibly();
        }
        throw new IllegalStateException("could not start Xvfb on any display :90..:199");
    }

    /** The DISPLAY value, e.g. {@code :90}. */
    String display() {
        return display;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
