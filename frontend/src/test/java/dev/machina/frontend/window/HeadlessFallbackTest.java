package dev.machina.frontend.window;

import dev.machina.core.plugin.Registry;
import dev.machina.frontend.Cli;
import dev.machina.frontend.input.Hotkey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** run without a display, run --help's key list, input --list. */
class HeadlessFallbackTest {
    @TempDir
    Path dir;

    static String[] cli(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Cli.run(Registry.load(), new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8), args);
        return new String[]{String.valueOf(code), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void runWithoutDisplayFallsBackToHeadlessAndSaysSo() throws Exception {
        // a child JVM without DISPLAY / WAYLAND_DISPLAY, in a scratch folder: ./machina run as CI runs it
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "dev.machina.frontend.Main", "run").directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("machina: no display (DISPLAY and WAYLAND_DISPLAY are not set): running headless"), out);
        assertTrue(out.contains("running the built-in NES demo headless for 300 frames"), out);
        assertTrue(Files.size(dir.resolve("machina-demo.png")) > 1000);
    }

    @Test
    void windowWithoutDisplayIsAOneLineUserError() throws Exception {
        Map<String, String> env = System.getenv();
        org.junit.jupiter.api.Assumptions.assumeTrue(env.get("DISPLAY") == null && env.get("WAYLAND_DISPLAY") == null,
                "this JVM has a display");
        String[] r = cli("run", "--window");
        assertEquals("2", r[0]);
        assertEquals("machina: --window: no display (DISPLAY and WAYLAND_DISPLAY are not set)", r[2].strip());
    }

    @Test
    void windowRefusesHeadlessOutputs() {
        String[] r = cli("run", "--window", "--wav", "x.wav");
        assertEquals("2", r[0]);
        assertTrue(r[2].startsWith("machina: --window takes no headless outputs"), r[2]);
        assertEquals(1, r[2].strip().lines().count(), r[2]);
        r = cli("run", "--window", "--headless");
        assertEquals("machina: --window and --headless exclude each other", r[2].strip());
    }

    @Test
    void runHelpListsEveryHotkeyWithItsDefaultKey() {
        String[] r = cli("run", "--help");
        assertEquals("0", r[0]);
        String help = r[1];
        for (Hotkey h : Hotkey.values()) {
            String key = switch (h.defaultKey()) {
                case "MINUS" -> "-";
                case "EQUAL" -> "=";
                default -> h.defaultKey();
            };
            assertTrue(help.contains(key), h + " (" + key + ") missing from run --help:\n" + help);
        }
        for (String opt : List.of("--headless", "--window", "--scale", "--audio-latency", "--stats", "--mapping", "--state-dir")) {
            assertTrue(help.contains(opt), opt);
        }
    }

    @Test
    void inputListShowsHotkeysAndTheNesController() throws Exception {
        Path f = dir.resolve("input.json");
        Files.writeString(f, "{\"machines\": {\"nes\": {\"1\": {\"A\": [\"SPACE\"]}}}}");
        String[] r = cli("input", "--list", "nes", "--mapping", f.toString());
        assertEquals("0", r[0], r[2]);
        String out = r[1];
        assertTrue(out.startsWith("mapping: " + f + "\n"), out);
        assertTrue(out.matches("(?s).*\\nsave-state +F5 +save state to the current slot\\n.*"), out);
        assertTrue(out.matches("(?s).*\\nnes +1 +A +SPACE\\n.*"), out);
        assertTrue(out.matches("(?s).*\\nnes +1 +B +Z PAD:A\\n.*"), out);
        assertTrue(out.matches("(?s).*\\nnes +2 +START +Y PAD:START\\n.*"), out);
        assertTrue(out.contains("gamepads: "), out);
        r = cli("input", "--list", "--mapping", dir.resolve("missing.json").toString());
        assertEquals("2", r[0]);
        assertEquals("machina: " + dir.resolve("missing.json") + ": no such mapping file", r[2].strip());
    }
}
